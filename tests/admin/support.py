"""What the admin tests share (no tests here): a reader of rendered forms that posts them the way a browser
does, the errors and messages of an answer, the claim's admin addresses, and the snapshot of everything a
refused form must leave untouched."""

from html.parser import HTMLParser

from django.urls import reverse

from claims.models import Citation, Claim, DateMention, Quantity, StatusChange

CHANGELIST = "admin:claims_claim_changelist"


class _FormReader(HTMLParser):
    """Collect what a browser would submit from one <form>: inputs, checked boxes, selected options,
    textareas; the hidden templates of empty inline forms (`__prefix__`) are left out as the admin's
    JavaScript leaves them out."""

    def __init__(self, form_id: str | None):
        super().__init__()
        self.form_id = form_id
        self.in_form = False
        self.data: list[tuple[str, str]] = []
        self._select: dict | None = None
        self._option: dict | None = None
        self._textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (self.form_id is None or a.get("id") == self.form_id):
            self.in_form = True
        if not self.in_form:
            return
        name = a.get("name")
        if tag == "input" and name and "__prefix__" not in name and "disabled" not in a:
            kind = a.get("type", "text")
            if kind in ("submit", "button", "image", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.data.append((name, a.get("value", "on" if kind in ("checkbox", "radio") else "")))
        elif tag == "select" and name and "__prefix__" not in name:
            self._select = {"name": name, "multiple": "multiple" in a, "options": []}
        elif tag == "option" and self._select is not None:
            self._option = {"value": a.get("value"), "selected": "selected" in a, "text": ""}
            self._select["options"].append(self._option)
        elif tag == "textarea" and name and "__prefix__" not in name:
            self._textarea = {"name": name, "text": ""}

    def handle_data(self, data):
        if self._option is not None:
            self._option["text"] += data
        if self._textarea is not None:
            self._textarea["text"] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form = False
        elif tag == "option" and self._option is not None:
            if self._option["value"] is None:
                self._option["value"] = self._option["text"]
            self._option = None
        elif tag == "select" and self._select is not None:
            options = self._select["options"]
            chosen = [o for o in options if o["selected"]]
            if not chosen and options and not self._select["multiple"]:
                chosen = options[:1]
            self.data.extend((self._select["name"], o["value"]) for o in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = self._textarea["text"]
            # Browsers drop the newline that follows <textarea>; Django's widget writes one.
            self.data.append((self._textarea["name"], text[1:] if text.startswith("\n") else text))
            self._textarea = None


def form_data(response, form_id: str | None = "claim_form") -> dict:
    """The rendered form as a POST dict: one value per name, or a list for repeated names."""
    assert response.status_code == 200, response.status_code
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    data: dict = {}
    for name, value in reader.data:
        if name in data:
            data[name] = [*data[name], value] if isinstance(data[name], list) else [data[name], value]
        else:
            data[name] = value
    data.pop("csrfmiddlewaretoken", None)
    return data


def add_inline(data: dict, prefix: str, **values) -> None:
    """Append one inline form, as the admin's "Add another" link does."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    for field, value in values.items():
        data[f"{prefix}-{index}-{field}"] = value


def errors_of(response) -> dict:
    """Every error on the rendered admin form and its inlines, keyed `field` or `prefix-n-field`."""
    found = {}
    adminform = response.context["adminform"]
    for field, errors in adminform.form.errors.items():
        found[field] = list(errors)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for form in formset.forms:
            for field, errors in form.errors.items():
                found[f"{form.prefix}-{field}"] = list(errors)
        if formset.non_form_errors():
            found[f"{formset.prefix}-__all__"] = list(formset.non_form_errors())
    return found


def change_url(claim) -> str:
    return reverse("admin:claims_claim_change", args=[claim.pk])


def status_url(claim) -> str:
    return reverse("admin:claims_claim_status", args=[claim.pk])


def snapshot(claim: Claim) -> dict:
    """What a refused form must leave untouched."""
    claim.refresh_from_db()
    return {
        "claim": {f.attname: getattr(claim, f.attname) for f in Claim._meta.concrete_fields},
        "quantities": list(Quantity.objects.filter(claim=claim).values()),
        "dates": list(DateMention.objects.filter(claim=claim).values()),
        "citations": list(Citation.objects.filter(claim=claim).values()),
        "entities": sorted(claim.entities.values_list("pk", flat=True)),
        "history": StatusChange.objects.filter(claim=claim).count(),
    }


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []
