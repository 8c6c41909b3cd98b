from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "teilhabe.accounts"
    label = "accounts"
