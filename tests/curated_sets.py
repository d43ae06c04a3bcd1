"""Invented curated sets: a platform's tags that follow a convention the base model does not.

How they are made: short French blurbs built from fixed templates and varied slots (invented
collective names, activities, audiences, places). Every name is made up (``Les Voisins de
Brume-sur-Lac``), nothing describes a real organisation. Each row gets the tags an imaginary
platform would give it:

- ``solidarity``: neighbourhood mutual-aid projects (shared meals, visits to isolated
  neighbours, solidarity grocery...). The platform tags them **10 only**; the base model
  mostly reads them as 1, 2, 3 or 11. This is the convention the tests teach.
- every other kind is tagged with the goal the base model already gives it (repair 12,
  solar 7, tutoring 4, beach 14, water 6, women's entrepreneurship 5, health 3,
  biodiversity 15): the controls, which adaptation must not make worse.
"""

from __future__ import annotations

import random

_PLACES = ("Brume-sur-Lac", "Val-Fleuri", "Haut-Perchis", "la Combe-aux-Merles", "Saint-Orvin", "Pont-Gaillard",
           "la Cité des Tilleuls", "Bois-Joli", "Marnay-le-Bas", "Roche-Ardente")
_NAMES = ("Les Voisins de {place}", "Collectif Ensemble à {place}", "Association Main Tendue de {place}",
          "Le Relais de {place}", "Les Amis du quartier de {place}", "Réseau Coup de Pouce de {place}")

_KINDS = {
    "solidarity": {
        "labels": [10],
        "templates": (
            "{name} organise {activity} pour {public}.",
            "Dans le quartier, {name} propose {activity} à {public}, avec des bénévoles du voisinage.",
            "{name} réunit les habitants autour de {activity}, pour que {public} ne restent pas seuls.",
        ),
        "activity": ("des repas partagés chaque semaine", "des visites à domicile", "une épicerie solidaire",
                     "un réseau d'entraide entre voisins", "des permanences d'accueil et d'écoute",
                     "des goûters et des sorties", "un système de courses partagées", "des colis alimentaires"),
        "public": ("les personnes âgées isolées", "les familles en difficulté", "les voisins isolés",
                   "les habitants à faibles revenus", "les personnes seules du quartier", "les familles monoparentales"),
    },
    "repair": {
        "labels": [12],
        "templates": ("{name} tient un repair café où {public} apprennent à réparer {activity}.",
                      "Chaque mois, {name} répare {activity} avec {public} plutôt que de les jeter."),
        "activity": ("leurs appareils électroménagers", "des vélos et des petits meubles", "des vêtements abîmés",
                     "des objets cassés", "des ordinateurs anciens"),
        "public": ("les habitants", "des bénévoles bricoleurs", "les familles", "les jeunes du quartier"),
    },
    "solar": {
        "labels": [7],
        "templates": ("{name} installe {activity} financés par {public}.",
                      "Avec {public}, {name} produit une électricité renouvelable grâce à {activity}."),
        "activity": ("des panneaux solaires sur les toits des écoles", "une centrale photovoltaïque citoyenne",
                     "des toitures solaires partagées", "une petite éolienne coopérative"),
        "public": ("les habitants sociétaires", "une coopérative citoyenne", "des épargnants locaux"),
    },
    "tutoring": {
        "labels": [4],
        "templates": ("{name} propose {activity} pour {public}.",
                      "Des bénévoles de {name} assurent {activity} auprès de {public}."),
        "activity": ("du soutien scolaire gratuit", "de l'aide aux devoirs", "des cours de lecture et d'écriture",
                     "des ateliers d'alphabétisation"),
        "public": ("les collégiens", "les élèves en difficulté", "les enfants de l'école primaire", "les lycéens"),
    },
    "beach": {
        "labels": [14],
        "templates": ("{name} organise {activity} pour protéger {public}.",
                      "Avec les plongeurs du club, {name} mène {activity} afin de préserver {public}."),
        "activity": ("le ramassage des déchets sur la plage", "des nettoyages du littoral",
                     "le suivi des herbiers marins", "des sorties de sensibilisation en mer"),
        "public": ("la faune marine", "les récifs et les poissons", "les fonds marins de la baie", "la vie marine"),
    },
    "water": {
        "labels": [6],
        "templates": ("{name} aide {public} à {activity}.",
                      "Pour économiser l'eau potable, {name} accompagne {public} pour {activity}."),
        "activity": ("récupérer l'eau de pluie", "réduire leur consommation d'eau", "installer des toilettes sèches",
                     "protéger la qualité de l'eau de la rivière"),
        "public": ("les jardiniers", "les habitants", "les agriculteurs", "les écoles"),
    },
    "women": {
        "labels": [5],
        "templates": ("{name} accompagne {public} dans {activity}.",
                      "Pour l'égalité entre les femmes et les hommes, {name} soutient {public} dans {activity}."),
        "activity": ("la création de leur entreprise", "leur prise de parole en public", "l'accès aux métiers techniques",
                     "la lutte contre les violences conjugales"),
        "public": ("les femmes du quartier", "des jeunes filles", "les femmes entrepreneures", "les mères isolées"),
    },
    "health": {
        "labels": [3],
        "templates": ("{name} propose {activity} pour {public}.",
                      "Pour la santé de {public}, {name} organise {activity}."),
        "activity": ("des ateliers de prévention santé", "des dépistages gratuits", "des séances de sport adapté",
                     "un soutien psychologique"),
        "public": ("les seniors", "les jeunes", "les patients atteints de maladies chroniques", "les habitants"),
    },
    "biodiversity": {
        "labels": [15],
        "templates": ("{name} agit pour {activity} avec {public}.",
                      "Avec {public}, {name} travaille à {activity}."),
        "activity": ("la plantation de haies champêtres", "la protection des zones humides",
                     "le retour des pollinisateurs sauvages", "la restauration de la forêt communale"),
        "public": ("les naturalistes bénévoles", "les élèves", "les agriculteurs voisins", "les habitants"),
    },
}
KINDS = tuple(_KINDS)


def curated_rows(n_per_kind: dict[str, int] | int = 12, seed: int = 0, solidarity_labels: list[int] | None = None) -> list[dict]:
    """Rows ``{"id", "kind", "text", "labels"}``; ``solidarity_labels`` overrides the convention."""
    rng = random.Random(seed)
    counts = n_per_kind if isinstance(n_per_kind, dict) else {kind: n_per_kind for kind in _KINDS}
    rows = []
    for kind, count in counts.items():
        spec = _KINDS[kind]
        labels = solidarity_labels if (kind == "solidarity" and solidarity_labels) else spec["labels"]
        for i in range(count):
            place = rng.choice(_PLACES)
            name = rng.choice(_NAMES).format(place=place)
            text = rng.choice(spec["templates"]).format(
                name=name, activity=rng.choice(spec["activity"]), public=rng.choice(spec["public"]))
            rows.append({"id": f"{kind}-{seed}-{i}", "kind": kind, "text": text, "labels": list(labels)})
    rng.shuffle(rows)
    return rows
