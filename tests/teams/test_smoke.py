def test_world_builds(world, client):
    client.force_login(world.gouda.leader)
    assert client.get("/").status_code == 200
