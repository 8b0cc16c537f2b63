"""The workflow's rules, asked directly: who may set which status, judged against the current one."""

from claims.rules.workflow import can_set_status as user_can_set_status


def test_the_role_rule_names_the_current_status(contributor, editor, status):
    in_review, accurate, unverified = status("in_review"), status("accurate"), status("unverified")
    assert user_can_set_status(contributor, in_review, current=unverified)
    assert user_can_set_status(contributor, in_review)  # what the role may ever set
    assert not user_can_set_status(contributor, in_review, current=accurate)
    assert not user_can_set_status(contributor, accurate, current=in_review)
    assert user_can_set_status(editor, in_review, current=accurate)
    assert user_can_set_status(None, in_review, current=accurate)  # commands act as the system
