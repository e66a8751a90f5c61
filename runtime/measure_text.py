"""The measures as text under the report table (`journey-runtime report`)."""
from __future__ import annotations

from typing import Any

from .measure import ab_sentence


def format_measures(data: dict[str, Any], lang: str = "en") -> str:
    zh = lang.startswith("zh")
    lines: list[str] = []
    for split in data.get("ab", []):
        lines += ["", (f"分流 [{split['split']}]" if zh else f"Split [{split['split']}]")]
        holdout = next((v["name"] for v in split["variants"] if v["holdout"]), None)
        for variant in split["variants"]:
            counts = (f"  {variant['name']}: " + (
                f"进入 {variant['entrants']:,}，转化 {variant['converted']:,}" if zh else
                f"entrants {variant['entrants']:,}, converted {variant['converted']:,}"))
            lines.append(counts)
            if holdout is not None:
                lines.append("    " + ab_sentence(variant, holdout, lang))
    credited = data.get("attribution", {})
    if any(credited.values()):
        names = {"first_touch": ("首次触达", "first touch"), "last_touch": ("末次触达", "last touch"),
                 "linear": ("平均分配", "linear")}
        lines += ["", "转化归因（按渠道）" if zh else "Conversions by channel"]
        for model, by_channel in credited.items():
            parts = ", ".join(f"{ch} {n:,.1f}" if model == "linear" else f"{ch} {n:,}"
                              for ch, n in by_channel.items())
            lines.append(f"  {names[model][0 if zh else 1]}: {parts}")
    if data.get("funnel"):
        lines += ["", "漏斗（进入旅程的客户）" if zh else "Funnel (of the journey's entrants)"]
        lines += [f"  {step['event']}: {step['customers']:,}" for step in data["funnel"]]
    return "\n".join(lines)
