# Objector in a container: Debian with Python 3.11, the Debian libraries WeasyPrint needs,
# the app installed with pinned versions, gunicorn as the entry point.
FROM python:3.11-slim-bookworm

RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
      libharfbuzz-subset0 fontconfig \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml constraints.txt README.md ./
COPY webapp ./webapp
COPY letter_templates ./letter_templates
COPY translations ./translations
RUN pip install --no-cache-dir -c constraints.txt . \
 && useradd --system --home /var/lib/objector objector \
 && mkdir -p /var/lib/objector/instance && chown objector /var/lib/objector/instance

USER objector
ENV OBJECTOR_INSTANCE_PATH=/var/lib/objector/instance
EXPOSE 8000
# OBJECTOR_SECRET_KEY must be given at run time (docker run -e OBJECTOR_SECRET_KEY=...).
CMD ["objector", "serve", "--host", "0.0.0.0", "--port", "8000"]
