import pytest

from portrait.privacy import mask_name, mask_phone


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("13812345678", "138****5678"),
        ("+86 138-1234-5678", "138****5678"),
        ("0086 13812345678", "138****5678"),
        ("139123456789", "139****6789"),
        ("12345", "*****"),
        (None, None),
    ],
)
def test_mask_phone(raw, masked):
    assert mask_phone(raw) == masked


def test_mask_phone_never_keeps_the_middle_digits():
    assert "1234" not in mask_phone("13812345678")


@pytest.mark.parametrize(
    ("raw", "masked"), [("张三丰", "张*"), (" 李四 ", "李*"), ("", ""), (None, None)]
)
def test_mask_name(raw, masked):
    assert mask_name(raw) == masked
