"""Where a JFR recording's CPU samples fall: the top frames, and the first Gatehouse frame of each
stack (which of our methods the time is spent under). Used by harness.py --profile; also runs alone:
python3 bench/jfr_summary.py recording.jfr"""
import collections
import subprocess
import sys


def samples(path, event, depth=64):
    out = subprocess.run(["jfr", "print", "--events", event, "--stack-depth", str(depth), path],
                         capture_output=True, text=True, check=True).stdout
    stack, inside = [], False
    for line in out.splitlines():
        line = line.strip()
        if line.startswith("stackTrace = ["):
            stack, inside = [], True
        elif inside and line == "]":
            inside = False
            yield stack
        elif inside and line and line != "...":
            stack.append(line.split(" line:")[0])


def summary(path, top=15):
    tops, ours, native = collections.Counter(), collections.Counter(), collections.Counter()
    total = 0
    for stack in samples(path, "jdk.ExecutionSample"):
        if not stack:
            continue
        total += 1
        tops[stack[0]] += 1
        ours[next((f for f in stack if f.startswith("dev.gatehouse.")), "(no Gatehouse frame)")] += 1
    for stack in samples(path, "jdk.NativeMethodSample", depth=8):
        # threads in native code: only ACCP's work counts as CPU (the rest is mostly epoll_wait)
        if stack and "corretto" in stack[0]:
            native[stack[0]] += 1
    share = lambda counter: [{"frame": f, "samples": n, "share": round(n / total, 3) if total else None}
                             for f, n in counter.most_common(top)]
    return {"java_samples": total, "top_frames": share(tops), "first_gatehouse_frame": share(ours),
            "native_accp_samples": [{"frame": f, "samples": n} for f, n in native.most_common(5)]}


def text(result):
    lines = [f"{result['java_samples']} Java execution samples", "top frames:"]
    lines += [f"  {r['share']:6.1%}  {r['frame']}" for r in result["top_frames"]]
    lines.append("first Gatehouse frame on the stack:")
    lines += [f"  {r['share']:6.1%}  {r['frame']}" for r in result["first_gatehouse_frame"]]
    if result["native_accp_samples"]:
        lines.append("native (ACCP) samples: " + ", ".join(f"{r['frame']} {r['samples']}"
                                                         for r in result["native_accp_samples"]))
    return "\n".join(lines)


if __name__ == "__main__":
    print(text(summary(sys.argv[1])))
