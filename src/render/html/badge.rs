//! A verdict label as a coloured badge. The colour only repeats what the word says, so the
//! badge reads the same without it (in print, or to a screen reader).

use crate::engine::Label;

/// The class that colours a label's badge (see `style.css`).
pub(super) fn class(label: Label) -> &'static str {
    match label {
        Label::True => "label-true",
        Label::MostlyTrue => "label-mostly-true",
        Label::HalfTrue => "label-half-true",
        Label::MostlyFalse => "label-mostly-false",
        Label::False => "label-false",
        Label::NotEnoughEvidence => "label-not-enough-evidence",
    }
}

/// The colour of a label where a chart draws it, the same as its badge's; the contrast of
/// each against white is in the stylesheet's comment.
pub(super) fn colour(label: Label) -> &'static str {
    match label {
        Label::True => "#1e6b34",
        Label::MostlyTrue => "#3f7a1c",
        Label::HalfTrue => "#8a5300",
        Label::MostlyFalse => "#b0420e",
        Label::False => "#b3261e",
        Label::NotEnoughEvidence => "#555b63",
    }
}

/// `<span class="badge label-half-true">Half True</span>`.
pub(super) fn badge(label: Label) -> String {
    format!(
        "<span class=\"badge {}\">{}</span>",
        class(label),
        label.as_str()
    )
}
