"""The CSRF extension, shared by the factory and the views."""

from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
