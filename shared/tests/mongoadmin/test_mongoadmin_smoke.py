from http import HTTPStatus

from mongoadmin_testproject.factories import SELLERS, change_url, full_seller


def test_pages_render_for_a_superuser(admin_client):
    s = full_seller()
    for url in ("/admin/mongoadmin/", SELLERS, change_url(SELLERS, s), f"{SELLERS}add/", f"{SELLERS}{s.pk}/delete/", "/admin/mongoadmin/inbox/"):
        response = admin_client.get(url)
        assert response.status_code == HTTPStatus.OK, url
