#!/usr/bin/env python3
"""Writes a single-layer image in `docker save` format from a directory, for `ctr images import`."""
import argparse, hashlib, io, json, os, tarfile

def layer_bytes(rootfs):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for entry in sorted(os.listdir(rootfs)):
            tar.add(os.path.join(rootfs, entry), arcname=entry, filter=normalise)
    return buf.getvalue()

def normalise(info):
    # Reproducible layers: same input, same digest, so a re-import is a no-op.
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    info.mtime = 0
    return info

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--name", required=True)
    p.add_argument("--rootfs", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--cmd", nargs="+", default=[])
    # An image whose pods give only args (CoreDNS under kubeadm: args -conf ...) needs an entrypoint.
    p.add_argument("--entrypoint", nargs="+", default=[])
    a = p.parse_args()
    layer = layer_bytes(a.rootfs)
    diff_id = "sha256:" + hashlib.sha256(layer).hexdigest()
    config = json.dumps({
        "architecture": "amd64", "os": "linux",
        "config": {**({"Cmd": a.cmd} if a.cmd else {}), **({"Entrypoint": a.entrypoint} if a.entrypoint else {}), "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]},
        "rootfs": {"type": "layers", "diff_ids": [diff_id]},
        "history": [{"created_by": "clustertour hack/local-cluster/mkimage.py"}],
    }, sort_keys=True).encode()
    config_name = hashlib.sha256(config).hexdigest() + ".json"
    manifest = json.dumps([{"Config": config_name, "RepoTags": [a.name], "Layers": ["layer.tar"]}]).encode()
    with tarfile.open(a.out, "w") as out:
        for name, data in (("layer.tar", layer), (config_name, config), ("manifest.json", manifest)):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            out.addfile(info, io.BytesIO(data))

if __name__ == "__main__":
    main()
