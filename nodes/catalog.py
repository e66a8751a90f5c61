"""The attribute and event catalog: what conditions may talk about.

The store owns the real catalog; `STANDARD_CATALOG` is the vocabulary of a
retail bank / brokerage (see the playbooks) used for templates, the demo store
and labels when no store is connected.
"""
from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class AttrType(StrEnum):
    string = "string"
    number = "number"
    bool = "bool"
    date = "date"
    datetime = "datetime"
    tags = "tags"


class AttributeDef(BaseModel):
    model_config = ConfigDict(frozen=True)
    name: str
    type: AttrType
    label_zh: str
    label_en: str
    choices: tuple[str, ...] = ()

    def label(self, lang: str = "en") -> str:
        return self.label_zh if lang.startswith("zh") else self.label_en


class EventDef(BaseModel):
    model_config = ConfigDict(frozen=True)
    name: str
    label_zh: str
    label_en: str
    properties: dict[str, AttrType] = Field(default_factory=dict)

    def label(self, lang: str = "en") -> str:
        return self.label_zh if lang.startswith("zh") else self.label_en


class Catalog(BaseModel):
    attributes: dict[str, AttributeDef] = Field(default_factory=dict)
    events: dict[str, EventDef] = Field(default_factory=dict)

    @classmethod
    def of(cls, attributes: list[AttributeDef], events: list[EventDef]) -> Catalog:
        return cls(
            attributes={a.name: a for a in attributes}, events={e.name: e for e in events}
        )

    def attribute_label(self, name: str, lang: str = "en") -> str:
        found = self.attributes.get(name)
        return found.label(lang) if found else name

    def event_label(self, name: str, lang: str = "en") -> str:
        found = self.events.get(name)
        return found.label(lang) if found else name


def _a(name: str, type_: AttrType, zh: str, en: str, *choices: str) -> AttributeDef:
    return AttributeDef(name=name, type=type_, label_zh=zh, label_en=en, choices=choices)


def _e(name: str, zh: str, en: str, **props: AttrType) -> EventDef:
    return EventDef(name=name, label_zh=zh, label_en=en, properties=props)


T = AttrType
CHANNELS = ("sms", "push", "email", "in_app", "wechat", "call", "crm_lead")
AUM_TIERS = ("普通", "金卡", "白金", "钻石", "私行")
LIFECYCLE_STAGES = ("潜客", "新客", "成长", "成熟", "流失")

STANDARD_CATALOG = Catalog.of(
    [
        _a("name", T.string, "姓名", "Name"),
        _a("gender", T.string, "性别", "Gender", "男", "女"),
        _a("age", T.number, "年龄", "Age"),
        _a("city", T.string, "城市", "City"),
        _a("phone", T.string, "手机号", "Phone"),
        _a("registered_at", T.datetime, "注册时间", "Registered at"),
        _a("account_opened_at", T.datetime, "开户时间", "Account opened at"),
        _a("lifecycle_stage", T.string, "生命周期阶段", "Lifecycle stage", *LIFECYCLE_STAGES),
        _a("aum", T.number, "资产规模(AUM)", "AUM"),
        _a("aum_tier", T.string, "资产等级", "AUM tier", *AUM_TIERS),
        _a("risk_level", T.string, "风险等级", "Risk level", "R1", "R2", "R3", "R4", "R5"),
        _a("is_payroll", T.bool, "代发客户", "Payroll customer"),
        _a("payroll_day", T.number, "发薪日", "Payday"),
        _a("birthday", T.date, "生日", "Birthday"),
        _a("wealth_maturity_date", T.date, "理财到期日", "Wealth product maturity"),
        _a("points", T.number, "积分余额", "Points balance"),
        _a("customer_manager", T.string, "客户经理", "Customer manager"),
        _a("tags", T.tags, "标签", "Tags", "车主", "老年", "年轻", "企业主"),
        *(
            _a(f"consent_{c}", T.bool, f"同意接收{zh}", f"Consents to {en}")
            for c, zh, en in (
                ("sms", "短信", "SMS"),
                ("push", "推送", "push"),
                ("email", "邮件", "email"),
                ("in_app", "站内信", "in-app"),
                ("wechat", "微信", "WeChat"),
                ("call", "电话", "calls"),
            )
        ),
    ],
    [
        _e("register", "注册", "Register"),
        _e("view_account_open_page", "进入开户页", "View account-opening page"),
        _e("account_open_step", "开户步骤", "Account-opening step", step=T.number),
        _e("account_opened", "开户成功", "Account opened"),
        _e("app_launch", "启动App", "App launch"),
        _e("bind_card_click", "点击绑卡", "Click bind card"),
        _e("bind_card_done", "绑卡成功", "Card bound"),
        _e("first_deposit", "首次入金", "First deposit", amount=T.number),
        _e("deposit", "入金", "Deposit", amount=T.number),
        _e("payroll_credited", "代发工资到账", "Payroll credited", amount=T.number),
        _e("view_product", "浏览产品", "View product", product=T.string),
        _e("buy_fund", "购买基金", "Buy fund", amount=T.number, product=T.string),
        _e("redeem_points", "兑换积分", "Redeem points", amount=T.number),
        _e("click_banner", "点击横幅", "Click banner", banner=T.string),
        _e("unsubscribe", "退订", "Unsubscribe", channel=T.string),
    ],
)
