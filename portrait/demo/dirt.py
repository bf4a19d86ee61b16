"""Documented dirt rates of the demo source systems (SPEC §1.2, §2).

Every kind of dirt the generator writes has its rate here, with the reason it
exists; the counts actually produced are written to `ground_truth/dirt.json`.
Rates are shares of the records named in each comment.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class DirtRates:
    # --- identity (share of real CRM persons unless noted) ---
    # Same person registered again through another channel (2-3 CRM records).
    duplicate_person: float = 0.08
    # Of the duplicated persons, share with a third record.
    duplicate_third_record: float = 0.30
    # How a duplicate record can be matched to its person (shares of duplicate records):
    # same phone in another format, same e-mail in other case, same name + birth date,
    # and no shared contact key at all (new phone, no e-mail, no birth date: only the name,
    # and the home its orders ship to when it places any, link it to its person).
    duplicate_by_phone: float = 0.60
    duplicate_by_email: float = 0.15
    duplicate_by_name_birth: float = 0.15
    duplicate_unmatchable: float = 0.10
    # On an e-mail duplicate the phone is left empty (else it is a new number); on a
    # phone duplicate the e-mail is dropped, and a kept e-mail is typed in other case.
    email_duplicate_without_phone: float = 0.30
    phone_duplicate_without_email: float = 0.50
    phone_duplicate_email_recased: float = 0.50
    # A later registration states another occupation (the person changed jobs).
    duplicate_occupation_changed: float = 0.30
    # Real, unrelated persons whose store clerk typed a placeholder phone (merge trap).
    placeholder_phone_person: float = 0.004
    # Internal test accounts (share of real persons); they use placeholder phones too.
    test_account: float = 0.002
    # Share of a test account's orders marked status test; the rest look completed and
    # only the account (name 测试 / test, placeholder phone) gives them away.
    test_account_order_marked: float = 0.85

    # --- CRM field formats (share of CRM records) ---
    # Valid phone written with +86 / 0086 / spaces / dashes (always on duplicates that
    # match by phone, so the match needs normalizing).
    phone_formatted: float = 0.12
    # Phone with 10 digits or a letter typed for a digit.
    phone_malformed: float = 0.012
    # Phone left empty (first registrations only).
    phone_missing: float = 0.01
    # Age typed as 0 or 200 (impossible), and age left blank.
    age_zero: float = 0.004
    age_200: float = 0.004
    age_blank: float = 0.35
    # Birth date not captured.
    birth_date_missing: float = 0.30
    # Optional profile fields left empty.
    district_missing: float = 0.40
    occupation_missing: float = 0.25
    industry_missing: float = 0.40
    # Province and city both missing (district too); shipping addresses still have them.
    region_missing: float = 0.05
    # The same on a person's later, duplicate registrations (partial records).
    duplicate_region_missing: float = 0.30
    # Province written short (上海, 广东) or as the one-character abbreviation (沪, 粤).
    province_short: float = 0.25
    province_abbreviation: float = 0.05
    # City without the 市 suffix (深圳 vs 深圳市).
    city_without_suffix: float = 0.40
    # Gender as M/F, male/female, 未知 or blank instead of 男/女.
    gender_letter: float = 0.06
    gender_word: float = 0.04
    gender_unknown: float = 0.03
    gender_blank: float = 0.05
    # registered_at / birth_date not in the standard `YYYY-MM-DD HH:MM:SS` format.
    crm_date_other_format: float = 0.30

    # --- orders (share of orders / order lines) ---
    # ordered_at not in the standard format.
    order_date_other_format: float = 0.08
    # Status written in Chinese (已完成 / 已取消) instead of the English code.
    status_chinese: float = 0.05
    # Internal QA order placed on a real customer's account (status test).
    test_order_real_customer: float = 0.002
    # total_amount stored negative (sign lost in a migration).
    negative_total: float = 0.0015
    # Order line quantity stored as 0 (share of lines).
    zero_quantity: float = 0.002
    # line_amount != quantity x unit_price (share of lines).
    line_amount_mismatch: float = 0.003
    # total_amount != sum(line_amount) - discount_amount (share of orders).
    order_total_mismatch: float = 0.003
    # Category written as its synonym (移动电话 for 手机; share of the lines whose
    # category has a synonym).
    category_synonym: float = 0.08

    # --- interactions ---
    # Ticket channel / type written in Chinese (电话, 投诉 ...; share of tickets).
    ticket_chinese_labels: float = 0.35
    # Ticket created_at not in the standard format.
    ticket_date_other_format: float = 0.30
    # Satisfaction not recorded.
    satisfaction_blank: float = 0.10

    # --- spreadsheet imports (share of template rows; at least one row of each) ---
    # Customer-template rows that are CRM persons again (new IMP id, same phone / name).
    import_duplicate_of_crm: float = 0.30
    import_bad_phone: float = 0.04
    import_age_200: float = 0.02
    # Required 姓名 or 联系方式 left empty.
    import_missing_required: float = 0.03
    # 注册日期 as an Excel serial number / as a real Excel date cell.
    import_excel_serial_date: float = 0.20
    import_date_cell: float = 0.20
    # Purchase-template rows: total != qty x price, qty 0, unknown 客户编号, unparseable date.
    purchase_total_mismatch: float = 0.03
    purchase_zero_quantity: float = 0.02
    purchase_unknown_customer: float = 0.02
    purchase_bad_date: float = 0.02
    # 购买日期 as an Excel serial number (e.g. 45413).
    purchase_excel_serial_date: float = 0.03


DIRT = DirtRates()
