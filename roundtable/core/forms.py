from django.core.exceptions import ValidationError
from django.forms import Form


def add_service_error(form: Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has one, else at the top.

    (`form.add_error(None, error)` alone raises when the service names a field the form does not show.)
    """
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
