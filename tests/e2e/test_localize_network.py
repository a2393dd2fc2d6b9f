"""`localize_answers` builds the emulator's VPC to the answers' shape: as many AZs as either
subnet list has (at least two), and no public subnets for answers that have none (an internal
load balancer's private-only VPC)."""

from __future__ import annotations

import pytest

from ecs_wizard.emulator import localize_answers
from tests.answers_fixtures import PRIVATE_SUBNETS, PUBLIC_SUBNETS
from tests.e2e.harness import validated
from tests.validation.helpers import data

pytestmark = [pytest.mark.emulator]

THIRD = "subnet-0cccccccccccccc03"


def test_a_private_only_vpc_stays_private_and_keeps_its_subnet_count(emulator) -> None:
    d = data(**{"alb.internal": True, "alb.ingress_cidrs": ["10.0.0.0/8"]})
    d["network"]["public_subnet_ids"] = []
    d["network"]["private_subnet_ids"] = [*PRIVATE_SUBNETS[:2], THIRD]
    net = localize_answers(d, emulator).data["network"]
    assert net["public_subnet_ids"] == []
    assert len(set(net["private_subnet_ids"])) == 3
    assert not set(net["private_subnet_ids"]) & set(d["network"]["private_subnet_ids"])
    validated(localize_answers(d, emulator).data)


def test_public_subnets_are_created_when_the_answers_have_them(emulator) -> None:
    d = data()
    assert len(d["network"]["public_subnet_ids"]) == len(PUBLIC_SUBNETS) >= 2
    net = localize_answers(d, emulator).data["network"]
    assert len(net["public_subnet_ids"]) == len(PUBLIC_SUBNETS)
