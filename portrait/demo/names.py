"""Chinese names and e-mail addresses, drawn vectorized from frequency-weighted pools."""

import numpy as np
from faker.providers.person.zh_CN import Provider as _FakerPerson

_SURNAMES = np.array(list(_FakerPerson.last_names.keys()))
_SURNAME_WEIGHT = np.array(list(_FakerPerson.last_names.values()), dtype=float)
_GIVEN = {
    "M": np.array(_FakerPerson.first_names_male),
    "F": np.array(_FakerPerson.first_names_female),
}
# Characters for composed two-character given names (the modern style).
_CHARS = {
    "M": np.array(list("子浩宇轩博文俊泽然一家明晨天思志建国永海嘉睿逸辰铭昊杰鸿伟峰")),
    "F": np.array(list("欣怡梓涵雨婷诗佳静美雅琪晓悦嘉梦思若雪可馨语彤萱瑶晴妍丽")),
}
_MAIL_DOMAINS = np.array(
    [
        "qq.com",
        "163.com",
        "126.com",
        "sina.com",
        "gmail.com",
        "outlook.com",
        "foxmail.com",
        "hotmail.com",
    ]
)
_MAIL_WEIGHT = np.array([0.30, 0.22, 0.12, 0.06, 0.08, 0.08, 0.06, 0.08])
_LETTERS = np.array(list("abcdefghijklmnopqrstuvwxyz"))


def random_names(rng: np.random.Generator, genders: np.ndarray) -> np.ndarray:
    """Full names (surname + given name) for an array of genders 'M' / 'F'.

    Common surnames are frequent and the given-name pools are small, so different
    people share names, as they do in China.
    """
    n = len(genders)
    surname = rng.choice(_SURNAMES, size=n, p=_SURNAME_WEIGHT / _SURNAME_WEIGHT.sum())
    given = np.empty(n, dtype=object)
    composed = rng.random(n) < 0.5
    for sex in ("M", "F"):
        pool = (genders == sex) & ~composed
        given[pool] = rng.choice(_GIVEN[sex], size=pool.sum())
        pool = (genders == sex) & composed
        first = rng.choice(_CHARS[sex], size=pool.sum())
        second = rng.choice(_CHARS[sex], size=pool.sum())
        given[pool] = np.strings.add(first, second)
    return np.strings.add(surname, given.astype(str)).astype(object)


def random_emails(rng: np.random.Generator, n: int) -> np.ndarray:
    """Distinct-looking lowercase e-mails: QQ numbers or letter handles with digits."""
    domain = rng.choice(_MAIL_DOMAINS, size=n, p=_MAIL_WEIGHT)
    digits = rng.integers(10**5, 10**10, size=n).astype(str)
    letters = rng.choice(_LETTERS, size=(n, 6))
    handle = letters[:, 0]
    for column in range(1, 6):
        handle = np.strings.add(handle, letters[:, column])
    handle = np.strings.add(handle, rng.integers(0, 10**4, size=n).astype(str))
    local = np.where(domain == "qq.com", digits, handle)
    return np.strings.add(np.strings.add(local, "@"), domain).astype(object)
