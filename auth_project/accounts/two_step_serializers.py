"""Input shapes of the phone and two-step routes."""

from rest_framework import serializers

CODE_RULE = r"^\d{6}\Z"


class PhoneIn(serializers.Serializer):
    phone = serializers.CharField(max_length=32, help_text="E.164, e.g. +4791234567.")


class CodeIn(serializers.Serializer):
    code = serializers.RegexField(CODE_RULE, error_messages={"invalid": "Enter the 6-digit code."})


class TwoStepIn(serializers.Serializer):
    enabled = serializers.BooleanField()
    channel = serializers.ChoiceField(choices=["email", "sms"])
    password = serializers.CharField(max_length=128, trim_whitespace=False)


class SigninVerifyIn(serializers.Serializer):
    challenge_id = serializers.RegexField(r"^[0-9a-f]{32}\Z", error_messages={"invalid": "Not a sign-in challenge."})
    code = serializers.RegexField(CODE_RULE, error_messages={"invalid": "Enter the 6-digit code."})
