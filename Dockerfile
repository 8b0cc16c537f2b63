# Production image: gunicorn (threaded workers, gunicorn.conf.py) serving the app, whitenoise serving the hashed
# static files; docker-compose.yml puts nginx in front (deploy/nginx.conf).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_DEBUG=0 \
    PIP_NO_CACHE_DIR=1

WORKDIR /app
RUN useradd --system --uid 1000 --home /app factcheck

COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
# collectstatic needs settings that import cleanly; these throwaway values exist only during the build.
RUN DJANGO_SECRET_KEY=build-only-not-a-secret DJANGO_ALLOWED_HOSTS=build \
    python manage.py collectstatic --noinput

USER factcheck
EXPOSE 8000
CMD ["sh", "-c", "python manage.py migrate --noinput && exec gunicorn factcheck.wsgi:application -c gunicorn.conf.py"]
