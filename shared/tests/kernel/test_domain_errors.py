"""Domain errors carry a code and a message, never an HTTP status; the API edge chooses the status."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from rest_framework.exceptions import ValidationError as DrfValidationError

from shared import errors
from shared.api_drf import exception_handler
from shared.errors import Conflict, DomainError, Invalid, NotFound, PermissionDenied, Rejected, http_status


class SellerGone(NotFound):
    code = "seller_gone"


class PaymentMissing(DomainError):
    code = "payment_missing"


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (Invalid(), HTTPStatus.BAD_REQUEST),
        (errors.NotAuthenticated(), HTTPStatus.UNAUTHORIZED),
        (PermissionDenied(), HTTPStatus.FORBIDDEN),
        (NotFound(), HTTPStatus.NOT_FOUND),
        (Conflict(), HTTPStatus.CONFLICT),
        (errors.TooLarge(), HTTPStatus.REQUEST_ENTITY_TOO_LARGE),
        (Rejected(), HTTPStatus.UNPROCESSABLE_ENTITY),
        (errors.DependencyFailed(), HTTPStatus.BAD_GATEWAY),
        (SellerGone(), HTTPStatus.NOT_FOUND),  # a subclass answers as its kind
    ],
)
def test_each_kind_of_domain_error_has_its_status_at_the_edge(error, status):
    assert not hasattr(error, "status")
    assert http_status(error) == status


def test_a_project_gives_its_own_errors_their_status_and_the_most_specific_class_wins():
    statuses = {PaymentMissing: HTTPStatus.PAYMENT_REQUIRED}

    assert http_status(PaymentMissing(), statuses) == HTTPStatus.PAYMENT_REQUIRED
    assert http_status(PaymentMissing()) == HTTPStatus.BAD_REQUEST  # without the project's table
    assert http_status(SellerGone(), statuses) == HTTPStatus.NOT_FOUND


def test_the_old_names_are_the_domain_classes():
    assert errors.ApiError is DomainError
    assert errors.ValidationFailed is Invalid
    assert errors.Forbidden is PermissionDenied
    assert issubclass(Rejected, Invalid)


def test_drf_answers_a_domain_error_in_the_shared_shape_with_its_status():
    response = exception_handler(SellerGone("No such seller.", fields={"id": ["unknown"]}), {})

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.data == {"detail": "No such seller.", "code": "seller_gone", "fields": {"id": ["unknown"]}}
    assert exception_handler(DrfValidationError({"name": ["Required."]}), {}).status_code == HTTPStatus.BAD_REQUEST
