"""Writing clean values the way messy source systems do (vectorized)."""

import numpy as np

# Date-time styles seen in the sources (contract: "mixed date formats").
STANDARD, SLASHED, COMPACT, CHINESE, ISO = range(5)
OTHER_STYLES = np.array([SLASHED, COMPACT, CHINESE, ISO])
_OTHER_STYLE_WEIGHT = np.array([0.35, 0.2, 0.2, 0.25])


def replace(values: np.ndarray, old: str, new: str) -> np.ndarray:
    """np.strings.replace that also accepts an empty array."""
    values = np.asarray(values).astype(str)
    return np.strings.replace(values, old, new) if values.size else values


def _parts(ts: np.ndarray) -> tuple[np.ndarray, ...]:
    """(year, month, day, hour, minute) as string arrays, no zero padding."""
    day = ts.astype("datetime64[D]")
    month = ts.astype("datetime64[M]")
    year = ts.astype("datetime64[Y]").astype(int) + 1970
    seconds = (ts - day).astype("timedelta64[s]").astype(int)
    values = (
        year,
        month.astype(int) % 12 + 1,
        (day - month).astype(int) + 1,
        seconds // 3600,
        seconds // 60 % 60,
    )
    return tuple(np.asarray(v).astype(str) for v in values)


def _join(*pieces) -> np.ndarray:
    out = pieces[0]
    for piece in pieces[1:]:
        out = np.strings.add(out, piece)
    return out


def format_datetimes(ts: np.ndarray, styles: np.ndarray, date_only: bool = False) -> np.ndarray:
    """Format datetime64 values in the given styles; NaT becomes None."""
    ts = np.asarray(ts).astype("datetime64[s]")
    out = np.datetime_as_string(ts, unit="D" if date_only else "s")
    out = replace(out, "T", " ").astype(object)
    for style in (SLASHED, COMPACT, CHINESE, ISO):
        mask = (styles == style) & ~np.isnat(ts)
        if not mask.any():
            continue
        y, m, d, hh, mm = _parts(ts[mask])
        if style == SLASHED:
            text = (
                _join(y, "/", m, "/", d)
                if date_only
                else _join(y, "/", m, "/", d, " ", hh, ":", np.strings.zfill(mm, 2))
            )
        elif style == COMPACT:
            text = replace(np.datetime_as_string(ts[mask], unit="D"), "-", "")
        elif style == CHINESE:
            text = _join(y, "年", m, "月", d, "日")
        else:
            text = np.datetime_as_string(ts[mask], unit="D" if date_only else "s")
        out[mask] = text
    out[np.isnat(ts)] = None
    return out


def date_styles(
    rng: np.random.Generator, n: int, other_share: float, keep_time: bool = False
) -> np.ndarray:
    """Per value: STANDARD, or another style with probability other_share.

    keep_time restricts the other styles to those that keep the time of day
    (event times whose hour matters downstream).
    """
    if keep_time:
        other = np.where(rng.random(n) < 0.5, SLASHED, ISO)
    else:
        other = rng.choice(OTHER_STYLES, size=n, p=_OTHER_STYLE_WEIGHT)
    return np.where(rng.random(n) < other_share, other, STANDARD)


def _phone_pieces(phone: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return (
        np.strings.slice(phone, 0, 3),
        np.strings.slice(phone, 3, 7),
        np.strings.slice(phone, 7, 11),
    )


def format_phones(rng: np.random.Generator, phone: np.ndarray) -> np.ndarray:
    """Valid numbers written with +86 / 0086 / spaces / dashes (still the same number)."""
    phone = phone.astype(str)
    a, b, c = _phone_pieces(phone)
    variants = np.stack(
        [
            _join("+86 ", a, " ", b, " ", c),
            _join("+86", phone),
            _join("0086-", a, "-", b, "-", c),
            _join(a, " ", b, " ", c),
            _join(a, "-", b, "-", c),
            _join("+86-", a, "-", b, "-", c),
        ]
    ).astype(object)
    return variants[rng.integers(0, len(variants), len(phone)), np.arange(len(phone))]


def malform_phones(rng: np.random.Generator, phone: np.ndarray) -> np.ndarray:
    """Broken numbers: a dropped digit (10 digits) or a letter typed for a digit."""
    phone = phone.astype(str)
    position = rng.integers(3, 11, len(phone))
    left = np.strings.slice(phone, 0, position)
    dropped = _join(left, np.strings.slice(phone, position + 1, 11))
    letter = rng.choice(np.array(["O", "l", "o", "I"]), len(phone))
    typo = _join(left, letter, np.strings.slice(phone, position + 1, 11))
    return np.where(rng.random(len(phone)) < 0.6, dropped, typo).astype(object)


def vary_email_case(rng: np.random.Generator, email: np.ndarray) -> np.ndarray:
    """The same address typed in upper case or with a capital first letter."""
    email = email.astype(str)
    return np.where(
        rng.random(len(email)) < 0.5, np.strings.upper(email), np.strings.capitalize(email)
    ).astype(object)
