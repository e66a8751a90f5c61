"""Touch: one message to the customer on a channel, under consent, quiet hours
and frequency caps (journey-semantics §5). The text is a Jinja2 template
rendered in a sandbox at delivery."""
from __future__ import annotations

from enum import StrEnum
from typing import Any, ClassVar

from jinja2 import TemplateSyntaxError, meta
from pydantic import Field

from ..catalog import Catalog
from ..sandbox import sandbox
from ..template_errors import describe_syntax_error
from ..wording import is_zh, pick
from .base import NEXT, Checks, Config, Kind, Messages, register


class Channel(StrEnum):
    sms = "sms"
    push = "push"
    email = "email"
    in_app = "in_app"
    wechat = "wechat"
    call = "call"
    crm_lead = "crm_lead"


CHANNEL_LABELS = {
    "sms": ("短信", "SMS"), "push": ("推送", "Push"), "email": ("邮件", "Email"),
    "in_app": ("站内信", "In-app"), "wechat": ("微信", "WeChat"), "call": ("外呼", "Call"),
    "crm_lead": ("客户经理线索", "CRM lead"),
}
CHANNELS_WITH_SUBJECT = (Channel.email,)
CHANNELS_WITH_TITLE = (Channel.push, Channel.in_app, Channel.wechat)


def channel_label(channel: str, lang: str = "en") -> str:
    return pick(CHANNEL_LABELS.get(channel, (channel, channel)), lang)


class TouchConfig(Config):
    channel: Channel
    template: str
    subject: str | None = None
    title: str | None = None
    ignore_quiet_hours: bool = False
    ignore_frequency_cap: bool = Field(
        default=False, description="Service messages only: not counted against caps."
    )


_TEMPLATES = sandbox()
_TOO_DEEP = ("模板嵌套过深，无法处理", "the template is nested too deeply to be read")


class Touch(Kind):
    name = "touch"
    label_zh, label_en = "触达", "Touch"
    priority = 60
    config_type = TouchConfig
    messages: ClassVar[Messages] = {
        "template_empty": ("「{node}」的消息内容为空", "The message of '{node}' is empty"),
        "template_syntax": ("「{node}」的消息模板第 {line} 行有语法错误：{reason}",
                            ("The message template of '{node}' has a syntax error on line "
                             "{line}: {reason}")),
        "template_unknown_variable": ("「{node}」的消息引用了未知变量「{name}」",
                                      "The message of '{node}' uses an unknown variable '{name}'"),
        "subject_missing": ("「{node}」的邮件主题为空", "The email subject of '{node}' is empty"),
    }

    def default_config(self) -> Any:
        return TouchConfig(channel=Channel.sms, template="")

    def optional_outlets(self, config: Any) -> set[str]:
        return {NEXT}

    def attributes_read(self, config: Any) -> set[str]:
        # Consent decides it (§5); the message is rendered at delivery.
        return {f"consent_{config.channel.value}"}

    def validate(self, check: Checks, node_id: str, config: Any) -> None:
        if not config.template.strip():
            check.add("template_empty", node_id)
        if config.channel in CHANNELS_WITH_SUBJECT and not (config.subject or "").strip():
            check.add("subject_missing", node_id, "warning")
        for text in [config.template] + [t for t in (config.subject, config.title) if t]:
            try:
                parsed = _TEMPLATES.parse(text)
                _TEMPLATES.compile(parsed)  # as delivery will: deep nesting fails only here
            except TemplateSyntaxError as exc:
                check.add("template_syntax", node_id, line=exc.lineno,
                          reason=describe_syntax_error(exc))
                continue
            except (RecursionError, SyntaxError, ValueError, MemoryError):
                check.add("template_syntax", node_id, line=1, reason=_TOO_DEEP)
                continue
            if check.catalog is not None:
                known = set(check.catalog.attributes) | {"customer_id"}
                for name in sorted(meta.find_undeclared_variables(parsed) - known):
                    check.add("template_unknown_variable", node_id, "warning", name=name)

    def describe(self, config: Any, lang: str, catalog: Catalog) -> str:
        channel = channel_label(config.channel, lang)
        text = (config.title or config.subject or config.template).strip().replace("\n", " ")
        if len(text) > 24:
            text = text[:23] + "…"
        return f"{channel}：{text}" if is_zh(lang) else f"{channel}: {text}"


TOUCH = register(Touch())
