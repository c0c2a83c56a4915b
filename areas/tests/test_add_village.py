from areas.models import Area


def test_a_cso_member_adds_a_numbered_village(world, client):
    world.login(client, "cso_member")
    response = client.post("/areas/510401/villages/new/",
                           {"name_th": "บ้านห้วยต้ม", "name_en": "Ban Huai Tom", "village_no": 9})
    village = Area.objects.get(code="51040109")
    assert response.status_code == 302
    assert village.level == "village"
    assert village.province.code == "51" and village.subdistrict.code == "510401"
    assert village in Area.objects.within(world.lamphun)


def test_a_community_without_a_number_gets_a_local_code(world, client):
    world.login(client, "provincial_officer")
    client.post("/areas/510401/villages/new/", {"name_th": "ชุมชนริมน้ำกวง"})
    assert Area.objects.get(name_th="ชุมชนริมน้ำกวง").code == "510401-C1"


def test_a_village_number_cannot_be_listed_twice(world, client):
    world.login(client, "cso_member")
    client.post("/areas/510401/villages/new/", {"name_th": "บ้านหนึ่ง", "village_no": 3})
    response = client.post("/areas/510401/villages/new/", {"name_th": "บ้านสอง", "village_no": 3})
    assert response.status_code == 400
    assert not Area.objects.filter(name_th="บ้านสอง").exists()


def test_an_officer_of_another_province_may_not_add_a_village(world, client):
    world.login(client, "other_province_officer")
    response = client.post("/areas/510401/villages/new/", {"name_th": "บ้านทดลองสิทธิ์"})
    assert response.status_code == 403
    assert not Area.objects.filter(name_th="บ้านทดลองสิทธิ์").exists()
