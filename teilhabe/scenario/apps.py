from django.apps import AppConfig


class ScenarioConfig(AppConfig):
    name = "teilhabe.scenario"
    label = "scenario"
