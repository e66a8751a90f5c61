"""The `review` block of a journey file: status, the history of its
transitions and the comments (journey-semantics §1). Stored in the file so a
review travels with the journey in git.

    "review": {
      "status": "in_review",
      "last_edit": {"by": "li.na", "content_hash": "…"},
      "history": [{"from": "draft", "to": "in_review", "by": "li.na",
                   "at": "2026-12-03T10:00:00+08:00", "note": "",
                   "content_hash": "…"}],
      "comments": [{"id": "c-1a2b3c4d", "node_id": "sms-1", "author": "wang.fang",
                    "at": "…", "text": "…", "resolved": false,
                    "replies": [{"id": "r-…", "author": "li.na", "at": "…", "text": "…"}]}]
    }

Older files carry `{"status": "draft", "history": [], "comments": []}`; they
read as they are. Unknown keys are kept (§1)."""
from __future__ import annotations

from enum import Enum

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_serializer


class Status(str, Enum):
    draft = "draft"
    in_review = "in_review"
    approved = "approved"
    changes_requested = "changes_requested"
    published = "published"
    paused = "paused"
    ended = "ended"


class _Part(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)


class Reply(_Part):
    id: str
    author: str
    at: AwareDatetime
    text: str


class Comment(_Part):
    id: str
    node_id: str | None = None  # None: on the whole journey
    author: str
    at: AwareDatetime
    text: str
    resolved: bool = False
    replies: list[Reply] = Field(default_factory=list)


class Transition(_Part):
    from_: Status = Field(alias="from")
    to: Status
    by: str
    at: AwareDatetime
    note: str = ""
    content_hash: str  # the content the transition applies to (approval.content_hash)

    model_config = ConfigDict(extra="allow", frozen=True, populate_by_name=True)


class LastEdit(_Part):
    """Who made the content as it is (`content_hash`) — an approval by this
    person is refused (four eyes)."""

    by: str
    content_hash: str


class Review(_Part):
    status: Status = Status.draft
    last_edit: LastEdit | None = None
    history: list[Transition] = Field(default_factory=list)
    comments: list[Comment] = Field(default_factory=list)

    @model_serializer(mode="wrap")
    def _without_unknown_editor(self, handler):
        # Files that never had a recorded editor are written back as they were read.
        data = handler(self)
        if data.get("last_edit") is None:
            data.pop("last_edit", None)
        return data
