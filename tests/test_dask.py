"""sdgmap.dask on a local cluster gives what classify_many gives."""

import pytest

pd = pytest.importorskip("pandas")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import sdgmap.dask  # noqa: E402


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None)
    with distributed.Client(cluster) as session:
        yield session
    cluster.close()


@pytest.fixture(scope="module")
def frame(en_set, fr_set):
    rows = (en_set[:30] + fr_set[:30])[::-1]
    return pd.DataFrame({"id": [row["id"] for row in rows], "description": [row["text"] for row in rows],
                         "region": ["north", "south"] * 30})


def test_same_results_as_classify_many(client, frame, model):
    ddf = dd.from_pandas(frame, npartitions=4)
    sdgmap.dask.preload(client)
    result = sdgmap.dask.classify_dataframe(ddf, "description", operating_point="recall").compute()
    expected = model.classify_many(frame["description"].tolist(), operating_point="recall")
    assert list(result["id"]) == list(frame["id"])
    assert list(result["sdgs"]) == [list(r.sdgs) for r in expected]
    assert list(result["language"]) == [r.language for r in expected]
    assert list(result["scores"]) == [[r.score(g) for g in range(1, 18)] for r in expected]


def test_whole_classification_and_the_corpus_map(client, frame, model):
    ddf = dd.from_pandas(frame, npartitions=3)
    result = sdgmap.dask.classify_dataframe(ddf, "description", classification=True).compute()
    expected = model.classify_many(frame["description"].tolist())
    assert [sdgmap.Classification.model_validate_json(c) for c in result["classification"]] == expected
    pytest.importorskip("sdgmap.mapping")
    impact = sdgmap.dask.map_dataframe(ddf, "description", group_by="region", partitions_at_once=2)
    from sdgmap.mapping import map_corpus

    local = map_corpus(frame.rename(columns={"description": "text"}).to_dict("records"), model, group_by="region")
    assert impact == local


def test_clear_errors_before_any_work(frame):
    ddf = dd.from_pandas(frame.assign(language="fr"), npartitions=2)
    with pytest.raises(ValueError, match="E047"):
        sdgmap.dask.classify_dataframe(ddf, "description")
    with pytest.raises(ValueError, match="E004"):
        sdgmap.dask.classify_dataframe(dd.from_pandas(frame, npartitions=2), "text")


def test_a_missing_text_is_an_error_row_not_a_failed_job(client, frame, model):
    holes = frame.astype({"description": object})
    holes.loc[holes.index[[3, 40]], "description"] = [None, float("nan")]
    result = sdgmap.dask.classify_dataframe(dd.from_pandas(holes, npartitions=4), "description").compute()
    assert len(result) == len(holes)
    errors = result["error"].tolist()
    bad = {3, 40}
    assert [i for i, e in enumerate(errors) if e is not None] == sorted(bad)
    assert "missing" in errors[3] and "decode" not in errors[3] and "decode" not in errors[40]
    assert result["sdgs"].iloc[3] == [] and result["scores"].iloc[3] is None
    good = [i for i in range(len(holes)) if i not in bad]
    expected = model.classify_many([holes["description"].iloc[i] for i in good])
    assert [result["sdgs"].iloc[i] for i in good] == [list(r.sdgs) for r in expected]
