"""zh_CN / en texts of the journey-wide validation issues, keyed by stable code;
each kind carries its own (`Kind.messages`)."""
from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "no_trigger": ("旅程还没有触发节点，客户无法进入", "The journey has no trigger, so nobody can enter"),
    "trigger_has_input": ("触发节点「{node}」有连线进入；触发节点只能是起点",
                          "Trigger '{node}' has a line leading into it; a trigger can only start a journey"),
    "unknown_outlet": ("「{node}」没有出口「{outlet}」，这条连线无效",
                       "'{node}' has no exit '{outlet}'; that line is invalid"),
    "outlet_multiple_edges": ("「{node}」的出口「{outlet}」连了多条线，只能连一条",
                              "Exit '{outlet}' of '{node}' has several lines; it may have only one"),
    "unreachable_node": ("「{node}」无法从任何触发节点到达，不会有客户经过",
                         "'{node}' cannot be reached from any trigger; no customer will pass it"),
    "step_leads_nowhere": ("「{node}」没有连接下一步，经过的客户会直接结束",
                           "'{node}' leads nowhere; customers passing it simply end"),
    "cycle_without_wait": ("这些节点形成了没有等待的循环：{nodes}",
                           "These steps form a loop with no wait in it: {nodes}"),
    "duplicate_outlet_name": ("「{node}」有重名或无效的出口名称「{outlet}」",
                              "'{node}' has a duplicate or invalid exit name '{outlet}'"),
    "duration_empty": ("「{node}」的{field}未填写", "{field} of '{node}' is empty"),
    "duration_not_positive": ("「{node}」的{field}必须大于 0", "{field} of '{node}' must be greater than 0"),
    "event_missing": ("「{node}」没有选择事件", "No event is chosen in '{node}'"),
    "unknown_attribute": ("「{node}」使用了客户库中不存在的属性「{name}」",
                          "'{node}' uses the attribute '{name}', which the customer store does not know"),
    "unknown_event": ("「{node}」使用了客户库中不存在的事件「{name}」",
                      "'{node}' uses the event '{name}', which the customer store does not know"),
    "unknown_event_property": ("「{node}」使用了事件「{event}」不存在的字段「{name}」",
                               "'{node}' uses '{name}', which event '{event}' does not carry"),
    "operator_not_for_type": ("「{node}」中属性「{name}」（{type}）不能使用运算符「{op}」",
                              "In '{node}', attribute '{name}' ({type}) cannot use the operator '{op}'"),
    "condition_value_invalid": ("「{node}」中「{name}」的条件值有误：{reason}",
                                "In '{node}', the value for '{name}' is not right: {reason}"),
    "value_out_of_range": ("「{node}」的{field}超出允许范围（{limit}）",
                           "{field} of '{node}' is out of range ({limit})"),
    "condition_too_deep": ("「{node}」的条件嵌套了 {depth} 层，最多允许 {limit} 层",
                           "The condition of '{node}' is nested {depth} levels deep; at most {limit} are allowed"),
    "condition_too_large": ("「{node}」的条件有 {parts} 个部分，最多允许 {limit} 个",
                            "The condition of '{node}' has {parts} parts; at most {limit} are allowed"),
    "value_not_storable": ("「{node}」中的 {path} 无法保存：{reason}",
                           "In '{node}', {path} cannot be saved: {reason}"),
    "window_inverted": ("旅程的结束时间早于开始时间", "The journey window ends before it starts"),
}

# The same codes when the names were checked against the standard catalog, not
# a store's: warnings, worded as such (nodes.validation.UNKNOWN_NAME_CODES).
NOT_IN_STANDARD_CATALOG: dict[str, tuple[str, str]] = {
    "unknown_attribute": (
        "「{node}」使用的属性「{name}」不在标准目录中（未连接客户库，发布时以客户库为准）",
        ("'{node}' uses the attribute '{name}', which is not in the standard catalog "
         "(no store to check against; publishing checks the store's)")),
    "unknown_event": (
        "「{node}」使用的事件「{name}」不在标准目录中（未连接客户库，发布时以客户库为准）",
        ("'{node}' uses the event '{name}', which is not in the standard catalog "
         "(no store to check against; publishing checks the store's)")),
    "unknown_event_property": (
        "「{node}」使用的字段「{name}」不在标准目录的事件「{event}」中（未连接客户库，发布时以客户库为准）",
        ("'{node}' uses '{name}', which event '{event}' does not carry in the standard "
         "catalog (no store to check against; publishing checks the store's)")),
}

JOURNEY_PLACES = {
    "goal": ("转化目标", "the goal"),
    "exit_when": ("退出条件", "the exit rule"),
    "entry": ("进入规则", "the entry rule"),
    "journey": ("旅程设置", "the journey settings"),
}

FIELD_NAMES = {
    "duration": ("等待时长", "The waiting time"),
    "timeout": ("最长等待时间", "The timeout"),
    "within": ("时间范围", "The time range"),
    "cooldown": ("再次进入间隔", "The re-entry cooldown"),
    "count": ("事件次数", "The event count"),
    "max_entries_per_run": ("每次最多进入人数", "The most entries per run"),
}

# The limits as value_out_of_range shows them: (zh, en).
LIMIT_TEXTS = {
    "duration": ("最长 10 年", "at most 10 years"),
    "number": ("不超过 10^15", "at most 10^15"),
    "entries": ("不超过 10^9", "at most 10^9"),
}
