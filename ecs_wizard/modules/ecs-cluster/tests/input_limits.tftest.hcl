# Inputs that used to pass the module and fail at apply (issue 11).

mock_provider "aws" {}

variables {
  name = "shop-prod"
}

# The Auto Scaling group and its instances carry the tags plus Name and AmazonECSManaged.
run "accepts_48_tags" {
  command = plan
  variables {
    tags = { for i in range(48) : "t${i}" => "x" }
  }
}

run "accepts_a_tag_named_like_one_the_module_adds" {
  command = plan
  variables {
    tags = merge({ for i in range(48) : "t${i}" => "x" }, { Name = "n" })
  }
}

run "rejects_49_tags" {
  command = plan
  variables {
    tags = { for i in range(49) : "t${i}" => "x" }
  }
  expect_failures = [var.tags]
}
