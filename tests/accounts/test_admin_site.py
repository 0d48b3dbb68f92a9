from django.test import Client

from peercircle.accounts.actions import user_create
from tests.conftest import PASSWORD, Cast


def make_admin():
    admin = user_create(email="root@example.org", password=PASSWORD, email_verified=True)
    admin.is_staff = admin.is_superuser = True
    admin.save(update_fields=["is_staff", "is_superuser"])
    return admin


def test_admin_login_sends_visitors_to_the_throttled_site_login(db: None) -> None:
    response = Client().get("/admin/login/?next=/admin/accounts/user/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Faccounts%2Fuser%2F"


def test_admin_login_form_never_checks_a_password(db: None) -> None:
    make_admin()
    client = Client()
    response = client.post("/admin/login/", {"username": "root@example.org", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client.get("/admin/").status_code == 302  # still not signed in


def test_admin_login_refuses_an_open_redirect(db: None) -> None:
    response = Client().get("/admin/login/?next=https://evil.example/")
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"


def test_site_admin_logs_in_through_the_site_form_and_reaches_the_admin(db: None) -> None:
    make_admin()
    client = Client()
    response = client.post(
        "/accounts/login/?next=/admin/", {"login": "root@example.org", "password": PASSWORD}
    )
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/login/")["Location"] == "/admin/"


def test_signed_in_non_admin_is_refused_without_a_redirect_loop(cast: Cast) -> None:
    assert cast.client_for(cast.member).get("/admin/login/?next=/admin/").status_code == 403


def test_admin_date_and_time_boxes_have_accessible_names(db: None) -> None:
    client = Client()
    client.force_login(make_admin())
    page = client.get("/admin/programs/program/add/").content.decode()
    assert 'aria-label="Date"' in page and 'aria-label="Time"' in page
    assert 'name="signup_opens_0"' in page


def test_admin_pages_load_the_accessibility_repairs(db: None) -> None:
    client = Client()
    client.force_login(make_admin())
    page = client.get("/admin/").content.decode()
    assert "css/admin.css" in page and "js/admin.js" in page
    assert "Django site admin" in page or "Django administration" in page
