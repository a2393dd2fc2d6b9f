"""Static AWS facts and the names derived from the answers.

`catalog.py` (Fargate sizes, ELB policies, regions, ...), `eni.py` (network interfaces per
instance type), `limits.py` (numeric limits the Terraform modules enforce), `naming.py`
(deterministic, length-capped AWS names) and `sizing.py` (EC2 capacity math). Plain data and
pure functions: this layer imports nothing from the rest of the package but itself.
"""
