#!/usr/bin/env bash
# A local single-node Apache Kafka broker (KRaft) on 127.0.0.1, for development and tests.
#
#   scripts/kafka.sh fetch                 fetch the broker jars from Maven Central (cached)
#   scripts/kafka.sh start [PORT]          format (once) and start a broker; prints its log path
#   scripts/kafka.sh reset [PORT]          stop the broker on PORT and delete its data
#   scripts/kafka.sh stop [PORT]           stop the broker started on PORT
#   scripts/kafka.sh status [PORT]         exit 0 when the broker on PORT answers
#   scripts/kafka.sh free-port             print a free loopback TCP port
#
# PORT defaults to $KAFKA_PORT or 9092; the controller listens on a second free port.
# KAFKA_VERSION (default 3.9.1) picks the broker release; jars live in .cache/kafka/<VERSION>/libs,
# broker data and logs in .kafka/<PORT>/ (both git-ignored).
# KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS (default 0, as Kafka's own config/server.properties sets
# for development) is how long the broker holds the first JoinGroup of a new consumer group; a
# broker without that setting holds it 3000 ms, which the benchmarks measure start-up against.
#
# KAFKA_SECURITY=sasl_ssl starts a secured broker instead: SASL_SSL with SCRAM-SHA-512 on PORT
# (user KAFKA_SCRAM_USERNAME, password KAFKA_SCRAM_PASSWORD), and SSL requiring a client
# certificate (mutual TLS) on the port in .kafka/<PORT>/mtls.port. A CA, the broker's certificate
# (127.0.0.1, localhost) and a client certificate are generated with openssl into
# .kafka/<PORT>/tls/ (ca.crt, client.crt, client.key) when the data folder is created.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KAFKA_VERSION="${KAFKA_VERSION:-3.9.1}"
LIBS="$ROOT/.cache/kafka/$KAFKA_VERSION/libs"
RUN_ROOT="${KAFKA_RUN_DIR:-$ROOT/.kafka}"
SECURITY="${KAFKA_SECURITY:-plaintext}"
GROUP_DELAY_MS="${KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS:-0}"
SCRAM_USERNAME="${KAFKA_SCRAM_USERNAME:-metrics-registry}"
SCRAM_PASSWORD="${KAFKA_SCRAM_PASSWORD:-metrics-registry-secret}"
START_TIMEOUT_S="${KAFKA_START_TIMEOUT_S:-90}"

log() { echo "[kafka] $*" >&2; }

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

fetch() {
  if [ -f "$LIBS/.complete" ]; then
    return 0
  fi
  command -v mvn >/dev/null || { log "Maven (mvn) is required to fetch the broker"; exit 1; }
  command -v java >/dev/null || { log "Java 17 is required to run the broker"; exit 1; }
  log "fetching the Apache Kafka broker $KAFKA_VERSION from Maven Central into $LIBS"
  rm -rf "$LIBS"
  mkdir -p "$LIBS"
  mvn -q -B -Dstyle.color=never -f "$ROOT/scripts/kafka/pom.xml" dependency:copy-dependencies \
    -Dkafka.version="$KAFKA_VERSION" -DoutputDirectory="$LIBS" -DincludeScope=runtime
  touch "$LIBS/.complete"
}

# A port chosen once per data folder and kept in FILE, so a restart finds the same one.
port_in() {
  [ -f "$1" ] || free_port >"$1"
  cat "$1"
}

# A CA, a certificate of the broker's signed by it and one for a client, valid for a year.
make_certificates() {
  local tls="$1"
  [ -f "$tls/client.crt" ] && return 0
  command -v openssl >/dev/null || { log "openssl is required for KAFKA_SECURITY=sasl_ssl"; exit 1; }
  mkdir -p "$tls"
  local key=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
  openssl req -x509 "${key[@]}" -keyout "$tls/ca.key" -out "$tls/ca.crt" -days 365 \
    -subj "/CN=metrics-registry test CA" -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  local name ext
  for name in server client; do
    if [ "$name" = server ]; then
      ext=$'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth'
    else
      ext='extendedKeyUsage=clientAuth'
    fi
    openssl req "${key[@]}" -keyout "$tls/$name.key" -out "$tls/$name.csr" \
      -subj "/CN=metrics-registry test $name" 2>/dev/null
    openssl x509 -req -in "$tls/$name.csr" -CA "$tls/ca.crt" -CAkey "$tls/ca.key" \
      -CAcreateserial -days 365 -out "$tls/$name.crt" -extfile <(echo "$ext") 2>/dev/null
    rm "$tls/$name.csr"
  done
  # Kafka's PEM key store: the private key, then its certificate.
  cat "$tls/server.key" "$tls/server.crt" >"$tls/server.pem"
}

# The listeners of KAFKA_SECURITY=sasl_ssl, appended to server.properties (later keys win).
secured_properties() {
  local dir="$1" port="$2" controller_port="$3"
  local mtls_port internal_port
  mtls_port="$(port_in "$dir/mtls.port")"
  internal_port="$(port_in "$dir/internal.port")"
  make_certificates "$dir/tls"
  cat <<EOF
listeners=SASL_SSL://127.0.0.1:$port,SSL://127.0.0.1:$mtls_port,INTERNAL://127.0.0.1:$internal_port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=SASL_SSL://127.0.0.1:$port,SSL://127.0.0.1:$mtls_port,INTERNAL://127.0.0.1:$internal_port
listener.security.protocol.map=SASL_SSL:SASL_SSL,SSL:SSL,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=INTERNAL
sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.ssl.ssl.client.auth=required
ssl.keystore.type=PEM
ssl.keystore.location=$dir/tls/server.pem
ssl.truststore.type=PEM
ssl.truststore.location=$dir/tls/ca.crt
EOF
}

start() {
  local port="${1:-${KAFKA_PORT:-9092}}"
  local dir="$RUN_ROOT/$port"
  fetch
  if port_open "$port"; then
    if [ -f "$dir/broker.pid" ] && kill -0 "$(cat "$dir/broker.pid")" 2>/dev/null; then
      log "broker already running on 127.0.0.1:$port (log: $dir/broker.log)"
      echo "$dir/broker.log"
      return 0
    fi
    log "port $port is taken by another process"
    exit 1
  fi
  mkdir -p "$dir"
  # The controller port is chosen once per data folder, so a restart finds its KRaft log again.
  local controller_port
  controller_port="$(port_in "$dir/controller.port")"
  cat >"$dir/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$dir/data
num.partitions=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=$GROUP_DELAY_MS
auto.create.topics.enable=true
log.cleaner.backoff.ms=1000
EOF
  local format_extra=()
  case "$SECURITY" in
    plaintext) ;;
    sasl_ssl)
      secured_properties "$dir" "$port" "$controller_port" >>"$dir/server.properties"
      format_extra=(--add-scram "SCRAM-SHA-512=[name=$SCRAM_USERNAME,password=$SCRAM_PASSWORD]")
      ;;
    *)
      log "KAFKA_SECURITY must be plaintext or sasl_ssl, got \"$SECURITY\""
      exit 2
      ;;
  esac
  cat >"$dir/log4j.properties" <<EOF
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=$dir/broker.log
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
EOF
  local java_opts=(-Xms256m -Xmx1g -XX:+UseG1GC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true
    "-Dlog4j.configuration=file:$dir/log4j.properties")
  if [ ! -f "$dir/data/meta.properties" ]; then
    java "${java_opts[@]}" -cp "$LIBS/*" kafka.tools.StorageTool format \
      -t "$(java -cp "$LIBS/*" kafka.tools.StorageTool random-uuid 2>/dev/null)" \
      -c "$dir/server.properties" "${format_extra[@]}" >"$dir/format.log" 2>&1 ||
      { cat "$dir/format.log" >&2; exit 1; }
  fi
  : >"$dir/broker.log"
  nohup java "${java_opts[@]}" -cp "$LIBS/*" kafka.Kafka "$dir/server.properties" \
    >"$dir/stdout.log" 2>&1 </dev/null &
  echo $! >"$dir/broker.pid"
  local deadline=$((SECONDS + START_TIMEOUT_S))
  until grep -q "Kafka Server started" "$dir/broker.log" 2>/dev/null && port_open "$port"; do
    if ! kill -0 "$(cat "$dir/broker.pid")" 2>/dev/null; then
      log "broker exited during start; see $dir/broker.log and $dir/stdout.log"
      tail -n 20 "$dir/stdout.log" >&2 || true
      exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "broker did not start within ${START_TIMEOUT_S}s; see $dir/broker.log"
      stop "$port"
      exit 1
    fi
    sleep 0.2
  done
  log "broker up on 127.0.0.1:$port (log: $dir/broker.log)"
  echo "$dir/broker.log"
}

stop() {
  local port="${1:-${KAFKA_PORT:-9092}}"
  local pidfile="$RUN_ROOT/$port/broker.pid"
  [ -f "$pidfile" ] || return 0
  local pid
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + 20))
    while kill -0 "$pid" 2>/dev/null; do
      if [ "$SECONDS" -ge "$deadline" ]; then
        kill -KILL "$pid" 2>/dev/null || true
        break
      fi
      sleep 0.2
    done
    log "broker on 127.0.0.1:$port stopped"
  fi
  rm -f "$pidfile"
}

cmd="${1:-}"
shift || true
case "$cmd" in
  fetch) fetch ;;
  start) start "$@" ;;
  stop) stop "$@" ;;
  status) port_open "${1:-${KAFKA_PORT:-9092}}" ;;
  reset)
    stop "$@"
    rm -rf "${RUN_ROOT:?}/${1:-${KAFKA_PORT:-9092}}"
    ;;
  free-port) free_port ;;
  *)
    sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
