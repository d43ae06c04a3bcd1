"""Classify the example initiatives on a two-worker dask cluster, then map the corpus.

    pip install "sdgmap[dask]"
    python examples/dask_local_cluster.py

The same code runs on a real cluster: give ``Client`` the scheduler's address and read
the data with ``dd.read_csv`` / ``dd.read_parquet`` from storage every worker can reach.
"""

from pathlib import Path

import dask.dataframe as dd
import pandas as pd
from distributed import Client, LocalCluster

import sdgmap.dask

HERE = Path(__file__).resolve().parent


def main() -> None:
    frame = pd.read_csv(HERE / "initiatives.csv")
    ddf = dd.from_pandas(frame, npartitions=4)
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, Client(cluster) as client:
        sdgmap.dask.preload(client)  # each worker process loads the model once, now
        result = sdgmap.dask.classify_dataframe(ddf, "text").compute()
        for row in result.itertuples():
            print(f"{row.id} [{row.language}] {row.name}: goals {row.sdgs}")
        try:
            impact = sdgmap.dask.map_dataframe(ddf, "text", group_by=())
        except ImportError:  # sdgmap without its corpus map
            return
        print(f"corpus map of {impact.count} initiatives")


if __name__ == "__main__":  # the workers are new processes: they must not run this again
    main()
