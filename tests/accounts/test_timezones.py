from django.urls import reverse

from peercircle.accounts.models import User
from peercircle.accounts.timezones import COMMON, timezone_choices, zone_names
from tests.conftest import Cast, page_text


def test_only_current_zone_names_are_offered() -> None:
    names = zone_names()
    assert {"Africa/Asmara", "Europe/Kyiv", "America/Chicago", "UTC"} <= names
    assert not names & {"Africa/Asmera", "Europe/Kiev", "US/Eastern", "Etc/GMT+5", "GMT"}


def test_common_zones_come_first_and_no_zone_is_listed_twice() -> None:
    (_, common), (_, rest) = timezone_choices()
    assert [name for name, _ in common] == COMMON
    assert not {name for name, _ in common} & {name for name, _ in rest}


def test_the_list_is_computed_once_not_on_every_render(cast: Cast) -> None:
    client = cast.client_for(cast.member)
    client.get(reverse("profile"))
    misses = timezone_choices.cache_info().misses
    client.get(reverse("profile"))
    client.get(reverse("account_signup"))
    assert timezone_choices.cache_info().misses == misses


def test_a_zone_saved_under_its_old_name_is_shown_under_its_current_one(cast: Cast) -> None:
    User.objects.filter(pk=cast.member.pk).update(timezone="Asia/Calcutta")
    html = page_text(cast.client_for(cast.member), reverse("profile"))
    assert '<option value="Asia/Kolkata" selected>' in html


def test_a_zone_no_longer_offered_stays_selected_rather_than_silently_becoming_utc(
    cast: Cast,
) -> None:
    User.objects.filter(pk=cast.member.pk).update(timezone="Etc/GMT+5")
    html = page_text(cast.client_for(cast.member), reverse("profile"))
    assert '<option value="Etc/GMT+5" selected>' in html
    assert '<option value="UTC" selected>' not in html
