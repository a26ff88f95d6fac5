"""Where work runs: local worker processes, or a Dask cluster.

``local`` (default) uses a process pool on this machine; ``local-cluster``
starts a Dask ``LocalCluster`` on loopback; ``tcp://HOST:PORT`` sends work
to an existing ``distributed`` scheduler. All three give concurrent.futures
executors, so the build code is the same whichever runs it, and so are the
outputs. Nothing is started until work is actually submitted: a no-op
rebuild starts no process.
"""

from __future__ import annotations

import asyncio
import concurrent.futures as cf
import logging
import multiprocessing
import os
import threading
from typing import TYPE_CHECKING

from ..exceptions import ConfigurationError

if TYPE_CHECKING:  # imported when a Dask scheduler is asked for: a local build never loads distributed
    from distributed import Client, LocalCluster


# distributed's Client waits forever for the handshake of a server that accepts
# the connection but never speaks (anything that is not a Dask scheduler).
CONNECT_TIMEOUT = 10.0  # seconds


def check_scheduler(address: str, timeout: float = CONNECT_TIMEOUT) -> None:
    """Raise :class:`ConfigurationError` unless a Dask scheduler answers the handshake at ``address`` in time."""
    from distributed.comm import connect

    async def handshake() -> None:
        comm = await asyncio.wait_for(connect(address, timeout=timeout), timeout)
        await comm.close()

    try:
        asyncio.run(handshake())
    except TimeoutError:
        raise ConfigurationError(
            f"no Dask scheduler answered within {timeout:g}s (is this the address of a distributed scheduler?)",
            path=address,
        ) from None
    except (OSError, ValueError) as e:
        raise ConfigurationError(f"cannot reach the Dask scheduler: {e}", path=address) from None


class Workers:
    def __init__(self, scheduler: str | None, jobs: int) -> None:
        self.scheduler = scheduler or "local"
        if not (self.scheduler in ("local", "local-cluster") or self.scheduler.startswith("tcp://")):
            raise ConfigurationError(
                f"unknown scheduler {self.scheduler!r}; use 'local', 'local-cluster' or tcp://HOST:PORT"
            )
        self.jobs = jobs or os.cpu_count() or 1
        self._executor: cf.Executor | None = None
        self._client: Client | None = None
        self._cluster: LocalCluster | None = None
        self._stopping: threading.Thread | None = None

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
            check_scheduler(self.scheduler)
            try:
                self._client = Client(self.scheduler, timeout=CONNECT_TIMEOUT)
            except OSError as e:
                raise ConfigurationError(f"cannot reach the Dask scheduler: {e}", path=self.scheduler) from None
        # pure=False: two runs with equal arguments are still two runs.
        self._executor = self._client.get_executor(pure=False)
        return self._executor

    def release(self) -> None:
        """No more work will be sent: a local pool's workers stop (their kernels, their interpreters)
        in the background while the build writes what is left; :meth:`close` waits for them.

        A worker takes about half a second to stop, as long as the build takes
        to write its index after the last run.
        """
        if self._executor is not None and self.scheduler == "local" and self._stopping is None:
            self._stopping = threading.Thread(
                target=self._executor.shutdown, kwargs={"wait": True, "cancel_futures": True}, daemon=True
            )
            self._stopping.start()

    def close(self, abort: bool = False) -> None:
        """Stop the workers; ``abort`` (the build was interrupted or terminated) does not wait for running work.

        On SIGTERM only the build process gets the signal (unlike Ctrl-C,
        which reaches the whole process group), so its pool workers are
        terminated here; their kernels notice their parent is gone and exit.
        """
        if self._stopping is not None:
            if abort:
                _stop_children()
            self._stopping.join()
            self._stopping = None
        elif self._executor is not None and self.scheduler == "local":
            if abort:
                self._executor.shutdown(wait=False, cancel_futures=True)
                _stop_children()
            else:
                self._executor.shutdown(wait=True, cancel_futures=True)
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        self._executor = self._client = self._cluster = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc: object) -> None:
        self.close(abort=exc_type is not None and not issubclass(exc_type, Exception))


def _stop_children(grace: float = 5.0) -> None:
    children = multiprocessing.active_children()
    for child in children:
        child.terminate()
    for child in children:
        child.join(grace)
        if child.is_alive():
            child.kill()
