"""Coverage as plain data (dicts of strings and numbers) for the API and CSV."""

from drafting.coverage.common import COMPARED
from drafting.coverage.rows import Coverage, ObligationRow


def row_data(row: ObligationRow) -> dict:
    """One obligation as the API returns it."""
    return {
        "code": row.code,
        "instrument": row.instrument_code,
        "kind": row.kind,
        "strength": row.strength,
        "binding": row.binding,
        "before": str(row.before),
        "bill": str(row.bill_level),
        "after": str(row.after),
        "bill_if_agreed": str(row.bill_level_if_agreed),
        "after_if_agreed": str(row.after_if_agreed),
        "baseline_citation": row.baseline.citation if row.baseline else "",
        "baseline_confidence": row.baseline.confidence if row.baseline else "",
        "provisions": [
            {
                "id": link.provision.id,
                "position": link.provision.position,
                "extent": link.extent,
                "rationale": link.rationale,
                "status": link.provision.status,
                "link_status": link.status,
            }
            for link in row.links
        ],
        "changed_by": [p.id for p in row.changed_by],
        "baseline_counts": not row.changed_by,
        "flags": [{"code": flag.code, "message": flag.message} for flag in row.flags],
    }


def summary_data(coverage: Coverage) -> dict:
    """The summaries as the API returns them."""
    summary = coverage.summary
    return {
        "filters": coverage.filters.as_params(),
        "obligations": summary.total,
        "binding": {
            "total": summary.binding_total,
            "before": summary.binding_before,
            "after": summary.binding_after,
            "gaps_before": summary.gaps_before,
            "gaps_after": summary.gaps_after,
            "after_if_agreed": summary.binding_after_if_agreed,
            "gaps_after_if_agreed": summary.gaps_after_if_agreed,
        },
        "links_proposed": summary.links_proposed,
        "links_disputed": summary.links_disputed,
        "gained": summary.gained,
        "lost": summary.lost,
        "baseline_article_changed": summary.flagged_baseline,
        "not_hong_kong": summary.not_hong_kong,
        "instruments": [
            {
                "code": item.code,
                "total": item.total,
                "binding": item.binding,
                "before": item.before,
                "after": item.after,
                "gaps_before": item.gaps_before,
                "gaps_after": item.gaps_after,
            }
            for item in summary.instruments
        ],
        "proposals": [
            {
                "code": item.code,
                "title_en": item.title_en,
                "title_zh": item.title_zh,
                "before": item.before,
                "after": item.after,
                "obligations": [
                    {"code": row.code, "before": str(row.before), "after": str(row.after)}
                    for row in item.primary
                ],
            }
            for item in summary.proposals
        ],
        "icmec": [
            {
                "code": item.row.code,
                "china_before": str(item.row.before),
                "china_after": str(item.row.after),
                "others": {
                    code: ({"level": other.level, "citation": other.citation} if other else None)
                    for code, other in zip(COMPARED, item.others, strict=True)
                },
            }
            for item in summary.icmec
        ],
    }
