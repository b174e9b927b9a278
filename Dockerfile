# One image for every role: `python -m gateway serve` (default), `worker`, `migrate`, and `python -m mocks`.
# Replicas started from it should not migrate each on their own: docker-compose.yml runs `migrate`
# once and gives the others GATEWAY_MIGRATE_ON_START=false. Only the files copied below go in
# (.dockerignore keeps var/, with its development secrets, and any env file out of the context too).
# The [otlp] extra: traces are then turned on by OTEL_* variables alone (README, "Traces").
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    GATEWAY_HOST=0.0.0.0 GATEWAY_DATA_DIR=/data
WORKDIR /app
COPY pyproject.toml constraints.txt README.md ./
COPY gateway ./gateway
COPY adapters ./adapters
COPY schema ./schema
COPY mocks ./mocks
RUN pip install --no-cache-dir -c constraints.txt ".[otlp]" \
    && useradd --system --uid 10001 gateway && mkdir -p /data && chown gateway /data
USER gateway
EXPOSE 8000 8001 9100
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"
ENTRYPOINT ["python", "-m", "gateway"]
CMD ["serve"]
