"""Network: the region, the VPC and the public (load balancer) and private (task) subnets."""

from __future__ import annotations

from collections.abc import Iterator

from ecs_wizard.aws import catalog
from ecs_wizard.aws.limits import TASK_SUBNETS_MAX
from ecs_wizard.model.answers import Answers
from ecs_wizard.validation.issues import Issue
from ecs_wizard.validation.patterns import SUBNET_RE, VPC_RE
from ecs_wizard.validation.registry import check, finding
from ecs_wizard.validation.shape import suggest

_REGIONS = "https://docs.aws.amazon.com/general/latest/gr/rande.html"
_VPC = "https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html"
_ALB_AZS = (
    "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/"
    "application-load-balancers.html#availability-zones"
)
_AWSVPC = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking-awsvpc.html"


@check(
    id="E-NETWORK-VPC-ID",
    severity="error",
    title="The VPC id looks like vpc- and 8 or 17 hex digits",
    doc=_VPC,
    tags=("network",),
)
def vpc_id(a: Answers) -> Iterator[Issue]:
    n = a.network
    if not VPC_RE.match(n.vpc_id):
        yield finding(
            "network.vpc_id",
            "is not a VPC id",
            "use `vpc-` followed by 8 or 17 hex digits, e.g. vpc-0a1b2c3d4e5f60718",
            n.vpc_id,
        )


@check(
    id="E-NETWORK-SUBNETS",
    severity="error",
    title="Subnet ids are valid and unique; two public AZs (internet-facing ALB); 1-16 private",
    doc=_ALB_AZS,
    tags=("network",),
)
def subnets(a: Answers) -> Iterator[Issue]:
    n = a.network
    for key in ("public_subnet_ids", "private_subnet_ids"):
        ids: list[str] = getattr(n, key)
        seen: set[str] = set()
        for i, sid in enumerate(ids):
            path = f"network.{key}[{i}]"
            if not SUBNET_RE.match(sid):
                yield finding(path, "is not a subnet id", "use `subnet-` + 8 or 17 hex digits", sid)
            if sid in seen:
                yield finding(path, "is listed twice", "remove the duplicate", sid)
            seen.add(sid)
    # An internal ALB is placed in the private subnets (E-ALB-INTERNAL-SUBNETS checks those):
    # it needs no public subnet, and a VPC without any can hold it.
    if not a.alb.internal and len(set(n.public_subnet_ids)) < 2:
        yield finding(
            "network.public_subnet_ids",
            "an Application Load Balancer needs subnets in at least two Availability Zones",
            "list at least two public subnets in different AZs (or, for a load balancer "
            "reachable only inside the VPC, set alb.internal: true: it uses the private subnets)",
            n.public_subnet_ids,
        )
    if not n.private_subnet_ids:
        yield finding(
            "network.private_subnet_ids",
            "tasks and instances need at least one private subnet",
            "list one private subnet or more (two AZs recommended)",
            n.private_subnet_ids,
        )
    elif len(n.private_subnet_ids) > TASK_SUBNETS_MAX:
        yield finding(
            "network.private_subnet_ids",
            f"lists {len(n.private_subnet_ids)} subnets; ECS places awsvpc tasks in at most "
            f"{TASK_SUBNETS_MAX} subnets",
            f"keep at most {TASK_SUBNETS_MAX} private subnets (one or two per AZ)",
            len(n.private_subnet_ids),
        )


@check(
    id="W-NETWORK-SINGLE-AZ",
    severity="warning",
    title="Tasks run in more than one Availability Zone",
    doc=_AWSVPC,
    tags=("network", "availability"),
)
def single_az(a: Answers) -> Iterator[Issue]:
    ids = a.network.private_subnet_ids
    if ids and len(ids) <= TASK_SUBNETS_MAX and len(set(ids)) == 1:
        yield finding(
            "network.private_subnet_ids",
            "a single private subnet puts every task in one Availability Zone",
            "add a private subnet in a second AZ",
            ids,
        )


@check(
    id="W-NETWORK-SUBNET-OVERLAP",
    severity="warning",
    title="No subnet is both public and private",
    doc=_AWSVPC,
    tags=("network", "security"),
)
def subnet_overlap(a: Answers) -> Iterator[Issue]:
    n = a.network
    both = sorted(set(n.public_subnet_ids) & set(n.private_subnet_ids))
    if both:
        yield finding(
            "network.private_subnet_ids",
            f"subnets used as both public and private: {', '.join(both)}",
            "run tasks in private subnets only",
            both,
        )


@check(
    id="E-PROJECT-REGION",
    severity="error",
    title="The region is a known AWS region code",
    doc=_REGIONS,
    tags=("project",),
)
def region(a: Answers) -> Iterator[Issue]:
    if a.project.region not in catalog.REGIONS:
        best = suggest(a.project.region, catalog.REGIONS)
        yield finding(
            "project.region",
            "is not a known AWS region",
            f"did you mean `{best}`?" if best else "use a region code such as eu-west-1",
            a.project.region,
        )
