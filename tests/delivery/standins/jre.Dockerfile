# Stand-in for eclipse-temurin:<version>-jre-<distro> (see build-standins): Debian bookworm with
# a JRE linked (jlink) from the machine's JDK at the path and with the variables the Temurin
# image uses, and bash, groupadd/useradd, head and grep, which server/Dockerfile relies on.
ARG BASE
FROM ${BASE}
COPY jre/ /opt/java/openjdk/
ENV JAVA_HOME=/opt/java/openjdk \
    LANG=C.UTF-8 \
    PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
RUN java -version
LABEL org.fxrates.standin="eclipse-temurin JRE, built offline from Debian packages and the local JDK"
