# Certificates with openssl, shared by pki.sh (the local cluster) and hack/evidence-config.sh (other clusters);
# sourced, not run. Both work in the current directory.

# make_ca CN [DAYS]: ca.crt and ca.key, unless ca.crt exists.
make_ca() {
  [[ -f ca.crt ]] && return 0
  openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days "${2:-3650}" -subj "/CN=$1" 2>/dev/null
}

# sign_cert NAME CN ORG [SANS] [DAYS]: NAME.crt and NAME.key (PKCS#8) signed by ca.crt, unless NAME.crt exists.
# With SANS it serves and may also authenticate as a client; without, it is a client certificate only.
sign_cert() {
  local name=$1 cn=$2 org=$3 sans=${4:-} days=${5:-3650}
  [[ -f $name.crt ]] && return 0
  local subj="/CN=$cn"
  [[ -n $org ]] && subj="/O=$org/CN=$cn"
  openssl req -newkey rsa:2048 -nodes -keyout "$name.key" -out "$name.csr" -subj "$subj" 2>/dev/null
  {
    echo "basicConstraints=CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    if [[ -n $sans ]]; then echo "extendedKeyUsage=serverAuth,clientAuth"; echo "subjectAltName=$sans"
    else echo "extendedKeyUsage=clientAuth"; fi
  } >"$name.ext"
  openssl x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -out "$name.crt" -days "$days" \
    -extfile "$name.ext" 2>/dev/null
  rm -f "$name.csr" "$name.ext"
}
