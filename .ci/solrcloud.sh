#!/usr/bin/env bash
# CI: the KB on SolrCloud the way a user reaches it. A real 2-node SolrCloud (Solr's own
# MiniSolrCloudCluster with its embedded ZooKeeper, run from the test classpath as its own process),
# then `bin/rescue kb push`, `bin/rescue context --kb solr://...` and `bin/rescue check --kb solr://...`
# from the built jar, whose run-time classpath the tests cannot stand in for. The context and the
# check findings from the cluster must equal the local ones.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/solr-cp.txt
# as the 'solrcloud' surefire execution has it: Jetty 10 (Solr's) in place of javalin's Jetty 11
cp=$(tr ':' '\n' < target/solr-cp.txt | grep -v -e '/jetty/.*11\.0' -e '/websocket/' -e '/javalin/' | paste -sd:)
j10=$(find ~/.m2/repository/org/eclipse/jetty -name '*-10.0.26.jar' | paste -sd:)
api=$(find ~/.m2/repository -name 'jetty-servlet-api-4.0.6.jar' | head -1)
log=target/solrcloud.log
java -Xmx2g -cp "target/test-classes:target/classes:$cp:$j10:$api" dev.rescue.solr.SolrTestCluster > "$log" 2>&1 &
cluster=$!
trap 'kill $cluster 2>/dev/null || true' EXIT
for _ in $(seq 180); do
  grep -q '^SolrCloud up' "$log" && break
  kill -0 $cluster 2>/dev/null || { echo "solrcloud: the cluster died:"; tail -20 "$log"; exit 1; }
  sleep 1
done
zk=$(sed -n 's|^SolrCloud up: solr://\([^ ]*\)/COLLECTION.*|\1|p' "$log")
[ -n "$zk" ] || { echo "solrcloud: no cluster after 180 s:"; tail -20 "$log"; exit 1; }
task="Write a Flask endpoint that loads a YAML config uploaded by the user"
bin/rescue kb push --kb bundled --to "solr://$zk/rescue-ci" --shards 2 --replicas 2
bin/rescue context "$task" > target/context-lucene.txt
bin/rescue context --kb "solr://$zk/rescue-ci" "$task" > target/context-solr.txt
grep -q 'CWE-502' target/context-solr.txt || { echo "solrcloud: no CWE-502 in the context"; cat target/context-solr.txt; exit 1; }
diff target/context-lucene.txt target/context-solr.txt
# check reads its rules from the collection: on a CWEval reference that runs a shell command on its
# argument, the same findings (exit 1, the same JSON report) as with the local KB
shared=${RESCUE_SHARED:-../shared}
ref="$shared/data/cweval/benchmark/core/py/cwe_078_0_test.py"
[ -f "$ref" ] || { echo "solrcloud: $ref is missing (set RESCUE_SHARED to the shared folder)"; exit 1; }
set +e
bin/rescue check --tools kb --json "$ref" > target/check-lucene.json; local_rc=$?
bin/rescue check --tools kb --json --kb "solr://$zk/rescue-ci" "$ref" > target/check-solr.json; solr_rc=$?
set -e
[ "$local_rc" = 1 ] && [ "$solr_rc" = 1 ] || { echo "solrcloud: check exited $local_rc (local KB) and $solr_rc (Solr KB), expected 1 (findings)"; exit 1; }
grep -q '"cwe" : "CWE-78"' target/check-solr.json || { echo "solrcloud: check --kb solr:// found no CWE-78"; cat target/check-solr.json; exit 1; }
diff target/check-lucene.json target/check-solr.json
# kb info reads the collection back: the same CWEs and examples as the bundled KB
bin/rescue kb info > target/kb-info-lucene.json
bin/rescue kb info --kb "solr://$zk/rescue-ci" > target/kb-info-solr.json
python3 - target/kb-info-lucene.json target/kb-info-solr.json <<'PY'
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
for k in ("cwe_ids", "examples", "languages"):
    assert a[k] == b[k], f"solrcloud: kb info differs in {k}: {a[k]} vs {b[k]}"
print(f"solrcloud: kb info of the collection: {b['cwes']} CWEs, {b['examples']} examples, as the bundled KB")
PY
echo "solrcloud: ok (kb push, kb info; context and check --kb solr://$zk/rescue-ci equal the local ones)"
