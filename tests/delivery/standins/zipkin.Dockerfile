# Stand-in for openzipkin/zipkin (see build-standins): Zipkin's own server, the executable jar
# io.zipkin:zipkin-server:<version>:exec from Maven Central, on the JRE stand-in. In-memory
# storage and port 9411, as the official image's defaults.
ARG JRE
FROM ${JRE}
ARG ZIPKIN_JAR
COPY ${ZIPKIN_JAR} /zipkin/zipkin.jar
RUN groupadd --system --gid 1000 zipkin \
 && useradd --system --uid 1000 --gid zipkin --home-dir /zipkin --shell /usr/sbin/nologin zipkin
USER zipkin
WORKDIR /zipkin
EXPOSE 9411
ENV JAVA_OPTS="-Xms64m -Xmx256m -XX:+ExitOnOutOfMemoryError"
HEALTHCHECK --interval=5s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9411 && printf 'GET /health HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["bash", "-c", "exec java $JAVA_OPTS -jar /zipkin/zipkin.jar \"$@\"", "zipkin"]
LABEL org.fxrates.standin="openzipkin/zipkin, Zipkin's server jar from Maven Central on the JRE stand-in"
