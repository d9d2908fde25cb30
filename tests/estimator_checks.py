"""imbalanced-learn's and scikit-learn's estimator-check suites as pytest tests."""

import pytest
from imblearn.utils.estimator_checks import parametrize_with_checks as imblearn_checks
from sklearn.utils.estimator_checks import parametrize_with_checks as sklearn_checks


def _listed(decorator):
    """imbalanced-learn hands pytest a generator of cases, which pytest deprecates."""
    names, cases = decorator.args
    return pytest.mark.parametrize(names, list(cases), **decorator.kwargs)


def check_suites(instances):
    """Return the two suites as test functions over ``instances``.

    Bind them to ``test_*`` names in a test module for pytest to collect them.
    """

    @_listed(imblearn_checks(instances))
    def imblearn_suite(estimator, check):
        check(estimator)

    @sklearn_checks(instances)
    def sklearn_suite(estimator, check):
        check(estimator)

    return imblearn_suite, sklearn_suite
