#!/bin/sh
# Why a module's tests were skipped (no Chromium, no OpenAPI documents), once per reason, on the console: the
# reasons are only in the XML reports otherwise. Run by the build in the module's folder (verify phase), with the
# module's artifact id as the only argument.
ls target/surefire-reports/TEST-*.xml >/dev/null 2>&1 || exit 0
{
  grep -ho 'Assumption failed: .*' target/surefire-reports/TEST-*.xml | sed -e 's/^Assumption failed: //' -e 's/]]>.*$//'
  grep -ho '<skipped message="[^"]*"' target/surefire-reports/TEST-*.xml | sed -e 's/^<skipped message="//' -e 's/"$//'
} | sed -e "s/&apos;/'/g" -e 's/&quot;/"/g' -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g' | sort | uniq -c |
  while read -r count reason; do echo "[$1] skipped $count test(s): $reason"; done
