# Stand-in for the official postgres image (see build-standins): Debian bookworm's PostgreSQL 15
# behind an entrypoint that keeps the official image's contract: POSTGRES_USER, POSTGRES_PASSWORD,
# POSTGRES_DB, PGDATA (default /var/lib/postgresql/data, a volume), /docker-entrypoint-initdb.d,
# pg_isready on PATH, the server on port 5432, fast shutdown on docker stop.
ARG BASE
FROM ${BASE}
COPY postgres-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
# Debian's package creates a cluster of its own (15/main) at install; the entrypoint makes one in PGDATA.
RUN rm -rf /var/lib/postgresql/15 /etc/postgresql/15 \
 && mkdir -p /var/lib/postgresql/data /var/run/postgresql /docker-entrypoint-initdb.d \
 && chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql \
 && chmod 0700 /var/lib/postgresql/data \
 && chmod 2775 /var/run/postgresql \
 && chmod 0755 /usr/local/bin/docker-entrypoint.sh
ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    PGDATA=/var/lib/postgresql/data \
    LANG=C.UTF-8
VOLUME /var/lib/postgresql/data
EXPOSE 5432
STOPSIGNAL SIGINT
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["postgres"]
LABEL org.fxrates.standin="postgres, built offline from Debian's postgresql-15"
