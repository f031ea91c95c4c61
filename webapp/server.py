"""Run the app under gunicorn, configured from Python: no config file, no shell."""

from __future__ import annotations

from gunicorn.app.base import BaseApplication


class ObjectorServer(BaseApplication):
    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from . import create_app

        return create_app()


def run(host: str, port: int, workers: int) -> None:
    """Serve on host:port with `workers` processes, the app loaded (and warmed) once."""
    ObjectorServer({
        "bind": f"{host}:{port}",
        "workers": workers,
        "preload_app": True,  # load the catalog, fonts and warm-up render before forking
        "accesslog": None,  # no request log: nothing about people is written down
        "errorlog": "-",
        "loglevel": "info",
        "timeout": 60,
        "worker_tmp_dir": "/dev/shm",
    }).run()
