//! The identity of table 四.

use super::{cell, json, z};
use crate::finding::{Finding, RuleId};
use crate::record::{Report, ReviewGroup};
use crate::template::defs::{REVIEW_COLUMNS, REVIEW_GROUPS};

/// `reviews.total`: per group, 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
pub(super) fn total(report: &Report) -> Vec<Finding> {
    let Some(reviews) = &report.reviews else {
        return Vec::new();
    };
    let groups = [
        reviews.administrative_review,
        reviews.litigation_direct,
        reviews.litigation_after_review,
    ];
    let mut out = Vec::new();
    for (def, group) in REVIEW_GROUPS.iter().zip(groups) {
        let Some(g) = group else { continue };
        let values = |g: &ReviewGroup| [g.upheld, g.corrected, g.other, g.pending, g.total];
        let v = values(&g);
        let sum: u128 = v[..4].iter().map(|x| z(*x)).sum();
        let stated = z(g.total);
        if sum != stated {
            let cells = REVIEW_COLUMNS
                .iter()
                .zip(v)
                .map(|(c, x)| cell(report, format!("{}.{}", def.path, c.key), x))
                .collect();
            out.push(
                Finding::new(
                    RuleId::ReviewsTotal,
                    format!(
                        "{}: 总计 is {stated} but 结果维持 {} + 结果纠正 {} + 其他结果 {} + 尚未审结 {} = {sum}; correct the total or the results.",
                        def.label,
                        z(v[0]),
                        z(v[1]),
                        z(v[2]),
                        z(v[3])
                    ),
                )
                .with_cells(cells)
                .with_values(json(sum), json(stated)),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::tests::source;
    use crate::record::{Reviews, TemplateId};

    fn report(reviews: Reviews) -> Report {
        let mut report = Report::new(source(), TemplateId::V2021);
        report.reviews = Some(reviews);
        report
    }

    fn group(v: [Option<u64>; 5]) -> Option<ReviewGroup> {
        Some(ReviewGroup {
            upheld: v[0],
            corrected: v[1],
            other: v[2],
            pending: v[3],
            total: v[4],
        })
    }

    #[test]
    fn groups_that_add_up_pass() {
        let r = report(Reviews {
            administrative_review: group([Some(1), Some(0), Some(0), Some(0), Some(1)]),
            litigation_direct: group([None, None, None, None, None]),
            litigation_after_review: None,
        });
        assert!(total(&r).is_empty());
    }

    #[test]
    fn a_total_that_does_not_add_up_fails() {
        // 洪泽区 2023: 维持 10, 纠正 1, 总计 0.
        let r = report(Reviews {
            administrative_review: group([Some(10), Some(1), Some(0), Some(0), Some(0)]),
            litigation_direct: None,
            litigation_after_review: group([Some(5), None, None, None, Some(0)]),
        });
        let f = total(&r);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].rule, RuleId::ReviewsTotal);
        assert_eq!(
            (f[0].expected.clone(), f[0].actual.clone()),
            (Some(11.into()), Some(0.into()))
        );
        assert_eq!(f[0].cells.len(), 5);
        assert!(f[1].message.contains("复议后起诉"));
    }
}
