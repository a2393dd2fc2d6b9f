from ecs_wizard.aws.sizing import compute_sizing, ec2_share, format_sizing


def _data(services, ec2=None, fargate=True):
    capacity = {}
    if fargate:
        capacity["fargate"] = {"weight": 1, "base": 1}
    if ec2 is not None:
        capacity["ec2"] = ec2
    return {"cluster": {"capacity": capacity}, "services": services}


EC2 = {"instance_type": "m6i.large", "min_size": 1, "max_size": 3, "target_capacity_percent": 100}


def test_no_ec2_gives_none():
    assert compute_sizing(_data([{"name": "a"}])) is None
    assert "Fargate" in format_sizing(None)


def test_tasks_per_instance_by_cpu_and_memory():
    svc = {"name": "web", "cpu": 512, "memory": 1024, "desired_count": 2, "capacity": ["ec2"]}
    r = compute_sizing(_data([svc], EC2), instance=(2, 8192), reserved_memory_mib=256)
    fit = r.services[0]
    assert (fit.by_cpu, fit.by_memory, fit.per_instance) == (4, 7, 4)
    assert fit.max_tasks == 2
    assert r.instances_needed == 1 and r.fits


def test_autoscaling_max_drives_instances_and_warns_when_asg_too_small():
    svc = {
        "name": "api",
        "cpu": 1024,
        "memory": 2048,
        "desired_count": 2,
        "autoscaling": {"min": 2, "max": 10},
        "capacity": ["ec2"],
    }
    r = compute_sizing(_data([svc], EC2), instance=(2, 8192), reserved_memory_mib=256)
    assert r.services[0].per_instance == 2
    assert r.instances_packed == 5
    assert r.instances_needed == 5
    assert not r.fits
    assert "max_size is 3" in r.warnings[0] and "at least 5" in r.warnings[0]


def test_target_capacity_percent_adds_headroom():
    svc = {"name": "a", "cpu": 1024, "memory": 1024, "desired_count": 4, "capacity": ["ec2"]}
    ec2 = dict(EC2, target_capacity_percent=50, max_size=10)
    r = compute_sizing(_data([svc], ec2), instance=(2, 8192), reserved_memory_mib=0)
    assert r.instances_packed == 2 and r.instances_needed == 4


def test_task_too_big_for_instance_warns():
    svc = {"name": "big", "cpu": 4096, "memory": 1024, "capacity": ["ec2"]}
    r = compute_sizing(_data([svc], EC2), instance=(2, 8192), reserved_memory_mib=0)
    assert r.services[0].per_instance == 0
    assert "does not fit" in r.warnings[0]


def test_mixed_packing_uses_both_dimensions():
    a = {"name": "cpu", "cpu": 1536, "memory": 512, "desired_count": 1, "capacity": ["ec2"]}
    b = {"name": "mem", "cpu": 256, "memory": 6000, "desired_count": 1, "capacity": ["ec2"]}
    r = compute_sizing(_data([a, b], EC2), instance=(2, 8192), reserved_memory_mib=0)
    assert r.instances_packed == 1  # 1792 CPU, 6512 MiB fit together
    b2 = dict(b, desired_count=2)
    r = compute_sizing(_data([a, b2], EC2), instance=(2, 8192), reserved_memory_mib=0)
    assert r.instances_packed == 2


def test_share_follows_default_strategy_weights():
    data = _data([], dict(EC2, weight=1))
    data["cluster"]["capacity"]["fargate"] = {"weight": 3}
    assert ec2_share(data, {"name": "x"}) == 0.25
    data["cluster"]["capacity"]["ec2"]["weight"] = 0
    assert ec2_share(data, {"name": "x"}) == 0.0
    assert ec2_share(data, {"name": "x", "capacity": ["ec2"]}) == 1.0
    assert ec2_share(data, {"name": "x", "capacity": ["fargate"]}) == 0.0


def test_garbage_values_do_not_crash():
    svc = {"name": "a", "cpu": "abc", "memory": None, "desired_count": "x", "capacity": ["ec2"]}
    r = compute_sizing(_data([svc], dict(EC2, max_size="?")), instance=(2, 4096))
    assert r is not None
    assert "a:" in format_sizing(r)


def test_unknown_instance_type_is_reported():
    r = compute_sizing(_data([], dict(EC2, instance_type="zz9.huge")))
    assert r is not None and "Unknown instance type" in r.warnings[0]


def test_model_defaults_apply_when_counts_are_missing():
    svc = {"name": "a", "cpu": 256, "memory": 512, "capacity": ["ec2"]}
    r = compute_sizing(_data([svc], EC2), instance=(2, 8192))
    assert r.services[0].max_tasks == 2  # desired_count defaults to 2
    svc["autoscaling"] = {"min": 1}
    r = compute_sizing(_data([svc], EC2), instance=(2, 8192))
    assert r.services[0].max_tasks == 4  # autoscaling.max defaults to 4
