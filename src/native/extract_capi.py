"""Takes TensorFlow's C API out of a tensorflow-cpu wheel: the two shared libraries and only
the headers that tfjs-node's binding reaches (the wheel's include/ holds 268 MB of C++ headers
the C API never includes).

usage: python3 extract_capi.py WHEEL DEST
writes DEST/lib/{libtensorflow_cc.so.2, libtensorflow_framework.so.2} and DEST/include/...
"""
import os
import re
import sys
import zipfile

LIBS = ["tensorflow/libtensorflow_cc.so.2", "tensorflow/libtensorflow_framework.so.2"]
INCLUDE = "tensorflow/include/"
# what tfjs-node 4.22.0's binding/*.cc and *.h include from TensorFlow
ROOTS = [
    "tensorflow/c/c_api.h",
    "tensorflow/c/eager/c_api.h",
    "tensorflow/c/tf_datatype.h",
    "tensorflow/c/tf_status.h",
    "tensorflow/c/tf_tensor.h",
    "tensorflow/core/platform/ctstring_internal.h",
]
QUOTED_INCLUDE = re.compile(rb'^\s*#\s*include\s+"([^"]+)"', re.M)


def header_closure(wheel):
    """Every header reachable from ROOTS through #include "..." inside the wheel's include/."""
    present = {n[len(INCLUDE):] for n in wheel.namelist() if n.startswith(INCLUDE)}
    missing = [r for r in ROOTS if r not in present]
    if missing:
        raise SystemExit(f"the wheel has no {', '.join(missing)} under {INCLUDE}: not a TensorFlow C API wheel")
    seen, todo = set(), list(ROOTS)
    while todo:
        header = todo.pop()
        if header in seen:
            continue
        seen.add(header)
        for name in QUOTED_INCLUDE.findall(wheel.read(INCLUDE + header)):
            name = name.decode()
            if name in present:
                todo.append(name)
    return sorted(seen)


def main(wheel_path, dest):
    with zipfile.ZipFile(wheel_path) as wheel:
        absent = [lib for lib in LIBS if lib not in wheel.namelist()]
        if absent:
            raise SystemExit(f"the wheel has no {', '.join(absent)}: not a tensorflow-cpu wheel with the C API")
        headers = header_closure(wheel)
        for header in headers:
            target = os.path.join(dest, "include", header)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as out:
                out.write(wheel.read(INCLUDE + header))
        os.makedirs(os.path.join(dest, "lib"), exist_ok=True)
        for lib in LIBS:
            target = os.path.join(dest, "lib", os.path.basename(lib))
            with wheel.open(lib) as src, open(target + ".part", "wb") as out:
                while chunk := src.read(1 << 22):
                    out.write(chunk)
            os.replace(target + ".part", target)  # a killed run leaves no half library behind
    print(f"extracted {len(headers)} headers and {len(LIBS)} libraries to {dest}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit("usage: python3 extract_capi.py WHEEL DEST")
    main(sys.argv[1], sys.argv[2])
