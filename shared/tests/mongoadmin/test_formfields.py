"""Which form field edits which MongoEngine field, and how values go back and forth."""

import datetime
import enum
import uuid

import mongoengine.fields as me
import pytest
from bson import ObjectId
from django import forms
from mongoadmin_testproject.catalog.documents import Address

from shared.mongoadmin.formfields import JSONValueField, ListItemsField, ObjectIdFormField, formfield_for


class Tier(enum.Enum):
    BASIC = "basic"
    PRO = "pro"


def field_for(model_field):
    return formfield_for(model_field, label="x")


@pytest.mark.parametrize(
    ("model_field", "form_class"),
    [
        (me.StringField(), forms.CharField),
        (me.StringField(choices=["a", "b"]), forms.TypedChoiceField),
        (me.EmailField(), forms.EmailField),
        (me.URLField(), forms.URLField),
        (me.IntField(), forms.IntegerField),
        (me.LongField(), forms.IntegerField),
        (me.FloatField(), forms.FloatField),
        (me.DecimalField(precision=2), forms.DecimalField),
        (me.BooleanField(), forms.BooleanField),
        (me.DateTimeField(), forms.DateTimeField),
        (me.DateField(), forms.DateField),
        (me.UUIDField(), forms.UUIDField),
        (me.ObjectIdField(), ObjectIdFormField),
        (me.EnumField(Tier), forms.TypedChoiceField),
        (me.ListField(me.StringField()), ListItemsField),
        (me.ListField(me.IntField()), ListItemsField),
        (me.EmbeddedDocumentField(Address), JSONValueField),
        (me.ListField(me.EmbeddedDocumentField(Address)), JSONValueField),
        (me.ListField(me.ListField(me.StringField())), JSONValueField),
        (me.DictField(), JSONValueField),
        (me.MapField(me.IntField()), JSONValueField),
    ],
)
def test_mapping(model_field, form_class):
    assert type(field_for(model_field)) is form_class


@pytest.mark.parametrize("model_field", [me.FileField(), me.GenericReferenceField(), me.PointField(), me.BinaryField()])
def test_fields_without_a_sensible_editor_are_read_only(model_field):
    assert field_for(model_field) is None


def test_required_and_limits_carry_over():
    text = field_for(me.StringField(required=True, max_length=5, min_length=2))
    number = field_for(me.IntField(min_value=1, max_value=3))

    assert (text.required, text.max_length, text.min_length) == (True, 5, 2)
    with pytest.raises(forms.ValidationError):
        number.clean("4")
    assert field_for(me.DecimalField(precision=3)).decimal_places == 3


def test_blank_optional_text_cleans_to_none():
    assert field_for(me.StringField()).clean("") is None


def test_regex_is_anchored_at_the_start_like_mongoengine():
    field = field_for(me.StringField(regex=r"\d+"))

    assert field.clean("12ab") == "12ab"  # re.match, as MongoEngine checks it
    with pytest.raises(forms.ValidationError):
        field.clean("ab12")


def test_list_items_by_line_or_by_comma():
    field = field_for(me.ListField(me.IntField()))

    assert field.clean("1\n 2 \n\n3") == [1, 2, 3]
    assert field.clean("1, 2,3") == [1, 2, 3]
    assert field.clean("") == []
    with pytest.raises(forms.ValidationError, match="Item 2"):
        field.clean("1, two")


def test_a_lone_item_holding_a_comma_survives_a_round_trip():
    field = field_for(me.ListField(me.StringField()))

    shown = field.prepare_value(["Nairobi, Kenya"])

    assert field.clean(shown) == ["Nairobi, Kenya"]
    assert field.clean(field.prepare_value(["a, b", "c"])) == ["a, b", "c"]


def test_list_of_choices_checks_each_item():
    field = field_for(me.ListField(me.StringField(choices=["red", "blue"])))

    assert field.clean("red, blue") == ["red", "blue"]
    with pytest.raises(forms.ValidationError, match="Item 1"):
        field.clean("green")


def test_enum_choices_clean_to_members():
    field = field_for(me.EnumField(Tier))

    assert field.clean("pro") is Tier.PRO
    assert [value for value, _ in field.choices] == ["", "basic", "pro"]


def test_object_ids_and_uuids():
    oid = ObjectId()

    assert field_for(me.ObjectIdField()).clean(str(oid)) == oid
    with pytest.raises(forms.ValidationError, match="valid id"):
        field_for(me.ObjectIdField()).clean("xyz")
    assert isinstance(field_for(me.UUIDField()).clean(str(uuid.uuid4())), uuid.UUID)


def test_json_shows_dates_and_ids_as_text():
    field = field_for(me.DictField())
    oid = ObjectId()

    shown = field.prepare_value({"at": datetime.datetime(2024, 1, 2, 3, 4, 5), "ref": oid})

    assert '"at": "2024-01-02T03:04:05"' in shown and f'"ref": "{oid}"' in shown


def test_json_builds_embedded_documents():
    value = field_for(me.EmbeddedDocumentField(Address)).clean('{"city": "Kisumu", "zip_code": "40100"}')

    assert isinstance(value, Address) and value.city == "Kisumu"


def test_empty_json_means_unset_object_or_empty_collection():
    assert field_for(me.EmbeddedDocumentField(Address)).clean("") is None
    assert field_for(me.DictField()).clean("") == {}
    assert field_for(me.ListField(me.DictField())).clean("") == []
