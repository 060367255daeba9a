#!/bin/sh
# Writes the distribution's lib/patchbay.classlist: the classes showing the bundled Zoom connector loads, from
# which the launcher makes the class-data sharing archive of whatever folder the distribution runs from. Then runs
# the launcher once, which makes that archive for the build's own folder. The training run checked the bundled
# connectors' definitions in full: their records (lib/verified-definitions) spare a new home doing it again.
#   $1  the distribution folder   $2  a scratch Patchbay home
set -e
dist=$1
home=$2
cd "$dist/lib"
rm -rf training.classlist patchbay.classlist patchbay.jsa patchbay.jsa.for verified-definitions "$home"
PATCHBAY_CDS=off PATCHBAY_JAVA_OPTS=-XX:DumpLoadedClassList=training.classlist \
  ../bin/patchbay connectors show zoom --home "$home" > /dev/null
# Without the method handle species classes the list asks the JVM to generate into the archive: JDK 17 crashed
# loading one of them from a static archive when a class file load hook was on (a recording started with
# -XX:StartFlightRecording, a Java agent), since no class file of that name exists to hand to the hook.
grep -v '^@lambda-form-invoker \[SPECIES_RESOLVE\]' training.classlist > patchbay.classlist
rm training.classlist
mkdir verified-definitions
find "$home/cache/verified-definitions" -type f ! -name '*.tmp' -exec cp {} verified-definitions/ \;
chmod 644 verified-definitions/*
../bin/patchbay connectors list --home "$home" > /dev/null
test -f patchbay.jsa
