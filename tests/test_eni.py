"""ENI-aware EC2 sizing (issue 10): awsvpc tasks per instance are capped by the instance's
network interfaces, and the sizing the wizard shows uses that cap.

The figures below are stated independently of ecs_wizard/aws/eni.py, from AWS's own texts: the ECS
developer guide ("by default a c5.large instance may have up to three ENIs ... you can
typically only run two such tasks"; "with awsvpcTrunking ... ten tasks"), and EC2's interface
counts (NetworkInfo.MaximumNetworkInterfaces: m6i.large 3, m5.4xlarge 8, t3a.small 2,
t3.xlarge 4).
"""

from __future__ import annotations

import pytest

from ecs_wizard.aws import catalog, eni
from ecs_wizard.aws.sizing import compute_sizing, format_sizing

KNOWN = [
    # (instance type, interfaces, tasks without trunking, tasks with awsvpcTrunking)
    ("c5.large", 3, 2, 10),
    ("m6i.large", 3, 2, 10),
    ("m5.4xlarge", 8, 7, 60),
    ("t3a.small", 2, 1, None),
    ("t3.xlarge", 4, 3, None),
]


@pytest.mark.parametrize(("itype", "interfaces", "tasks", "trunked"), KNOWN)
def test_known_interface_limits(itype, interfaces, tasks, trunked):
    limits = eni.ENI_LIMITS[itype]
    assert limits.interfaces == interfaces
    assert eni.awsvpc_tasks(itype) == tasks
    assert limits.trunking_tasks == trunked
    # Trunking on a type without it changes nothing.
    assert eni.awsvpc_tasks(itype, trunking=True) == (trunked or tasks)


def test_every_catalog_instance_type_has_an_interface_limit():
    assert set(catalog.INSTANCE_TYPES) <= set(eni.ENI_LIMITS)
    assert eni.awsvpc_tasks("zz9.huge") is None


def _data(instance_type: str, desired: int, max_size: int = 3) -> dict:
    svc = {"name": "web", "cpu": 256, "memory": 512, "desired_count": desired, "capacity": ["ec2"]}
    ec2 = {"instance_type": instance_type, "min_size": 1, "max_size": max_size}
    return {"cluster": {"capacity": {"ec2": ec2}}, "services": [svc]}


def test_m6i_large_runs_two_small_tasks_not_eight():
    r = compute_sizing(_data("m6i.large", 8, max_size=4))
    fit = r.services[0]
    assert fit.by_cpu == 8 and fit.by_eni == 2 and fit.per_instance == 2 and fit.eni_bound
    assert r.instances_packed == 4 and r.fits  # 8 tasks, 2 per instance
    text = format_sizing(r)
    assert "ENI cap: 2 awsvpc tasks/instance" in text and "10 with the awsvpcTrunking" in text
    assert "eni 2" in text
    # Three instances cannot hold them: the warning says how many are needed.
    r = compute_sizing(_data("m6i.large", 8, max_size=3))
    assert not r.fits and "at least 4" in r.warnings[0]


def test_trunking_raises_the_cap():
    r = compute_sizing(_data("m6i.large", 8), trunking=True)
    assert r.services[0].per_instance == 8  # CPU-bound again (8 x 256 units)
    assert r.instances_packed == 1
    assert "(awsvpcTrunking on)" in format_sizing(r)


def test_burstable_types_say_trunking_does_not_apply():
    text = format_sizing(compute_sizing(_data("t3.medium", 2)))
    assert "ENI cap: 2 awsvpc tasks/instance (no ENI trunking on t3)" in text
