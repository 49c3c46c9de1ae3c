# galley in a container: a build stage that makes the Debian package, then a
# slim runtime stage that installs only that package (apt-get brings in the
# libraries and data packages its control file names).
#   podman build -t galley:0.1.0 .        (or docker build)
#   podman run --rm -v "$PWD:/data" galley:0.1.0 convert /data/article.txt -o /data/out
# SOURCE_DATE_EPOCH, given as a build argument (--build-arg
# SOURCE_DATE_EPOCH=...), reaches every RUN step (the compiler, cpack); Docker's
# BuildKit also takes it for the image's timestamps.

FROM debian:12-slim AS build
ARG SOURCE_DATE_EPOCH
ARG DEBIAN_FRONTEND=noninteractive
# Parallel compile jobs; empty means one per core.
ARG JOBS=
WORKDIR /src
# The build dependencies come from the one list in .ci/setup; `file` is what
# cpack's computed dependencies (CPACK_DEBIAN_PACKAGE_SHLIBDEPS) run on the
# installed files.
COPY .ci/setup .ci/setup
RUN bash .ci/setup \
 && apt-get install -y -qq --no-install-recommends file >/dev/null \
 && rm -rf /var/lib/apt/lists/*
COPY . .
RUN cmake -S . -B build -DGALLEY_TESTS=OFF -DCMAKE_BUILD_TYPE=Release \
 && cmake --build build -j"${JOBS:-$(nproc)}" \
 && cd build && cpack -G DEB \
 && mkdir /deb && mv galley_*.deb /deb/

FROM debian:12-slim
ARG SOURCE_DATE_EPOCH
ARG DEBIAN_FRONTEND=noninteractive
# The package with what its control file names: its Depends, and its own
# Recommends (the German and French hyphenation dictionaries), but not the
# libraries' recommendations (shared-mime-info, ICU, ...), which galley does
# not use.
COPY --from=build /deb/ /tmp/deb/
RUN deb=$(ls /tmp/deb/galley_*.deb) \
 && recommends=$(dpkg-deb -f "$deb" Recommends | sed 's/([^)]*)//g; s/|[^,]*//g; s/,/ /g') \
 && apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends "$deb" $recommends >/dev/null \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /tmp/deb \
 && useradd --uid 10001 --user-group --create-home --home-dir /home/galley --shell /usr/sbin/nologin galley \
 && mkdir -p /data && chown galley:galley /data
# A numeric user, so that Kubernetes' runAsNonRoot can check it.
USER 10001:10001
WORKDIR /data
ENTRYPOINT ["galley"]
CMD ["--help"]
