"""``python -m sdgmap.train CORPUS_DIR -o DIR``: same as ``sdgmap train``."""

from .cli import train

if __name__ == "__main__":
    train(prog_name="python -m sdgmap.train")
