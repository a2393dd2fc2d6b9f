"""Prompt mode: the capacity question's "Fargate, ARM64 (Graviton) tasks" choice gives every
service cpu_architecture ARM64 on on-demand Fargate; the other choices leave it unset."""

from __future__ import annotations

from ecs_wizard.prompt.questions import ARM64_FARGATE, Prompter
from tests.tui.test_prompt import DOWN, feed
from tests.tui.test_prompt_questions import keys, valid


def test_arm64_fargate_capacity_gives_arm64_services(monkeypatch):
    offered: list[list[str]] = []
    real = Prompter.run

    def spy(self):
        select = self.q.select

        def capture(message, choices, **kw):
            if message == "Capacity:":
                offered.append(list(choices))
            return select(message, choices=choices, **kw)

        monkeypatch.setattr(self.q, "select", capture)
        return real(self)

    monkeypatch.setattr(Prompter, "run", spy)
    data = feed(keys(capacity=DOWN * 3 + "\r"))
    a = valid(data)
    assert set(data["cluster"]["capacity"]) == {"fargate"}  # no Spot: it runs X86_64 only
    assert [s.cpu_architecture for s in a.services] == ["ARM64"]
    assert a.capacity_strategy(a.services[0])[0]["provider"] == "fargate"
    assert offered and offered[0][3] == ARM64_FARGATE  # the last choice: DOWN x3


def test_the_other_capacity_choices_leave_the_architecture_to_the_capacity():
    for capacity in ("\r", DOWN + "\r"):
        a = valid(feed(keys(capacity=capacity)))
        assert [s.cpu_architecture for s in a.services] == [None], capacity
