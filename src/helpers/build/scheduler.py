"""Where work runs: local worker processes, or a Dask cluster.

``local`` (default) uses a process pool on this machine; ``local-cluster``
starts a Dask ``LocalCluster`` on loopback; ``tcp://HOST:PORT`` sends work
to an existing ``distributed`` scheduler. All three give concurrent.futures
executors, so the build code is the same whichever runs it, and so are the
outputs. Nothing is started until work is actually submitted: a no-op
rebuild starts no process.
"""

from __future__ import annotations

import concurrent.futures as cf
import logging
import multiprocessing
import os

from ..exceptions import ConfigurationError


class Workers:
    def __init__(self, scheduler: str | None, jobs: int) -> None:
        self.scheduler = scheduler or "local"
        if not (self.scheduler in ("local", "local-cluster") or self.scheduler.startswith("tcp://")):
            raise ConfigurationError(
                f"unknown scheduler {self.scheduler!r}; use 'local', 'local-cluster' or tcp://HOST:PORT"
            )
        self.jobs = jobs or os.cpu_count() or 1
        self._executor: cf.Executor | None = None
        self._client = None
        self._cluster = None

    @property
    def distributed(self) -> bool:
        return self.scheduler != "local"

    def executor(self) -> cf.Executor:
        if self._executor is not None:
            return self._executor
        if self.scheduler == "local":
            ctx = multiprocessing.get_context("spawn")
            self._executor = cf.ProcessPoolExecutor(max_workers=self.jobs, mp_context=ctx)
            return self._executor
        from distributed import Client, LocalCluster

        if self.scheduler == "local-cluster":
            self._cluster = LocalCluster(
                n_workers=self.jobs,
                threads_per_worker=1,  # one kernel per process: papermill's cwd is not thread-safe
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            self._client = Client(self._cluster)
        else:
            try:
                self._client = Client(self.scheduler, timeout=30)
            except OSError as e:
                raise ConfigurationError(f"cannot reach the Dask scheduler: {e}", path=self.scheduler) from None
        # pure=False: two runs with equal arguments are still two runs.
        self._executor = self._client.get_executor(pure=False)
        return self._executor

    def close(self) -> None:
        if self._executor is not None and self.scheduler == "local":
            self._executor.shutdown(wait=True, cancel_futures=True)
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        self._executor = self._client = self._cluster = None

    def __enter__(self) -> "Workers":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
